/**
 * Runs before every node test file. Outside Tencent Cloud the SDK probes a cloud metadata host
 * before every request (a DNS lookup that can take minutes to fail in a closed network and keeps
 * jest waiting). TENCENTCLOUD=true skips the probe; serviceUrl still decides where requests go.
 * Not when the conformance suite targets a real CloudBase environment, where the probe is real.
 */
if (!process.env.CONFORMANCE_ENV_ID) process.env.TENCENTCLOUD = process.env.TENCENTCLOUD || 'true';
