/**
 * The most memory the process held while something ran, sampled every 20 ms (RSS: what the machine
 * gives the process; heap: what JavaScript objects take). A benchmark figure, never an assertion.
 */
export function peakMemory(): { stop(): { rss: number; heap: number } } {
  const peak = { rss: 0, heap: 0 };
  const sample = () => {
    const { rss, heapUsed } = process.memoryUsage();
    peak.rss = Math.max(peak.rss, rss);
    peak.heap = Math.max(peak.heap, heapUsed);
  };
  sample();
  const timer = setInterval(sample, 20);
  return {
    stop() {
      clearInterval(timer);
      sample();
      return { ...peak };
    },
  };
}
