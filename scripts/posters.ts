/**
 * Prints the 亮码 posters — a page for every active deputy and station, or for one station and its
 * deputies — into one PDF, straight from the database: the same pages `office.posters` makes, for an
 * operator printing a whole district at once, or before the app is in use.
 *
 *   ENV_ID=… TENCENTCLOUD_SECRETID=… TENCENTCLOUD_SECRETKEY=… npm run posters -- --out posters/
 *   CLOUDBASE_SERVICE_URL=http://127.0.0.1:3000/admin npm run posters -- --out posters/ --station S0002
 *
 * QR_URL_PREFIX must be the value the deployed functions have: it is what the printed codes hold.
 */
import tcb from '@cloudbase/node-sdk';
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { deploymentProblems } from '../cloudfunctions/_lib/platform';
import { posterSubjects, writePosters } from '../cloudfunctions/_lib/print';
import { chinaDate } from '../miniprogram/core/china-time';

export interface PostersRun {
  file: string;
  pages: number;
}

export async function printPosters(
  argv: readonly string[],
  env: NodeJS.ProcessEnv = process.env,
  now: number = Date.now(),
): Promise<PostersRun> {
  const { values } = parseArgs({
    args: [...argv],
    options: { out: { type: 'string' }, station: { type: 'string' } },
  });
  if (!values.out)
    throw new Error('Name the folder to write to: npm run posters -- --out <dir> [--station S0001]');
  const serviceUrl = env.CLOUDBASE_SERVICE_URL;
  const envId = env.ENV_ID || (serviceUrl ? 'local' : '');
  if (!envId)
    throw new Error(
      'Set ENV_ID (and TENCENTCLOUD_SECRETID / TENCENTCLOUD_SECRETKEY), or CLOUDBASE_SERVICE_URL.',
    );
  // Printed for a real deployment, a code holding the example prefix would open nothing.
  const prefixProblems = serviceUrl
    ? []
    : deploymentProblems(env).filter((problem) => problem.startsWith('QR_URL_PREFIX'));
  if (prefixProblems.length > 0)
    throw new Error(`${prefixProblems.join('; ')}: give the value the deployed functions have (.env.cloud).`);
  const app = tcb.init({
    env: envId,
    secretId: env.TENCENTCLOUD_SECRETID || (serviceUrl ? 'local' : undefined),
    secretKey: env.TENCENTCLOUD_SECRETKEY || (serviceUrl ? 'local' : undefined),
    ...(serviceUrl ? { serviceUrl } : {}),
    timeout: 60_000,
  });
  const db = app.database();
  let stationId: string | null = null;
  if (values.station) {
    const code = values.station.toUpperCase();
    const { data } = await db.collection('stations').where({ code }).limit(1).get();
    const found = (data as Array<{ _id: string }>)[0];
    if (!found) throw new Error(`No station has the code ${code}.`);
    stationId = found._id;
  }
  const dir = resolve(values.out);
  mkdirSync(dir, { recursive: true });
  const file = join(
    dir,
    `posters-${values.station ? `${values.station.toUpperCase()}-` : ''}${chinaDate(now)}.pdf`,
  );
  const pages = await writePosters(posterSubjects({ db, app }, stationId), file, {
    prefix: env.QR_URL_PREFIX || undefined,
  });
  return { file, pages };
}

if (require.main === module) {
  printPosters(process.argv.slice(2)).then(
    ({ file, pages }) => console.log(`${pages} posters → ${file}`),
    (error: unknown) => {
      console.error(error instanceof Error ? error.message : error);
      process.exit(1);
    },
  );
}
