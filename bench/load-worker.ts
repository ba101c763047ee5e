import { parentPort, workerData } from 'node:worker_threads';
import { submission } from '../tests/helpers/project-stack';

/**
 * The city bench's residents (bench/city.ts): submits through /wx/callFunction from a thread of
 * their own, as phones would from elsewhere, so that the stack's thread does not also do the
 * clients' half of every exchange. Told `{ submits }`, answers `{ caseIds }` once all are answered
 * (or `{ error }`).
 */

const { url, concurrency } = workerData as { url: string; concurrency: number };

async function submit(openid: string): Promise<string> {
  const res = await fetch(`${url}/wx/callFunction`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'X-WX-OPENID': openid },
    body: JSON.stringify({ name: 'resident', data: { action: 'submit', data: submission() } }),
  });
  const { result } = (await res.json()) as { result: { ok: boolean; data?: { caseId: string } } };
  if (!result?.ok || !result.data) throw new Error(`resident.submit: ${JSON.stringify(result)}`);
  return result.data.caseId;
}

parentPort?.on('message', ({ submits }: { submits: number }) => {
  const caseIds: string[] = [];
  let left = submits;
  Promise.all(
    Array.from({ length: concurrency }, async (_x, w) => {
      while (left-- > 0) caseIds.push(await submit(`o-city-tp-${w}`));
    }),
  ).then(
    () => parentPort?.postMessage({ caseIds }),
    (error: Error) => parentPort?.postMessage({ error: error.message }),
  );
});
