import { configFor } from '../config';
import type { AppConfig } from '../config';
import { cloudTransport, localTransport } from './transport';
import type { Transport } from './transport';

export type { Transport, TempFileUrl, TransportError, UploadFileOptions } from './transport';
export { isTransportError } from './transport';

export function createTransport(settings: AppConfig): Transport {
  return settings.transport === 'cloud'
    ? cloudTransport(settings.envId)
    : localTransport(settings.localBaseUrl, settings.devOpenid);
}

let current: Transport | undefined;

/** Which build this is: develop (devtools, preview), trial or release. */
export function envVersion(): string {
  return wx.getAccountInfoSync().miniProgram.envVersion;
}

/** The app's one transport, built on first use so that wx.cloud.init runs once and only when needed. */
export function getTransport(): Transport {
  if (!current) current = createTransport(configFor(envVersion()));
  return current;
}
