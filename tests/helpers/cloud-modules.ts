import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { EXTERNAL_PACKAGES, REPO_ROOT } from '../../scripts/build-functions';

/**
 * A node_modules folder holding only what CloudBase installs beside a function: the external
 * packages the build leaves out of the bundles (the SDKs). A built function run with it as
 * NODE_PATH finds nothing else, as in the cloud. Taken from the build's own list, so a package
 * made external there is here too.
 */
export function cloudModules(): string {
  const modules = fs.mkdtempSync(path.join(os.tmpdir(), 'daibiao-sdk-only-'));
  for (const name of EXTERNAL_PACKAGES) {
    const target = path.join(modules, name);
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.symlinkSync(path.join(REPO_ROOT, 'node_modules', name), target);
  }
  return modules;
}
