import { configFor, DEVELOP, type AppConfig } from '../../miniprogram/config';
import { DEPLOYMENT } from '../../miniprogram/core/deployment';
import type * as Services from '../../miniprogram/services';
import { installWx, serveRequests, type WxMock } from './helpers';

/**
 * A build uploaded for review must talk to CloudBase, never to a developer's 127.0.0.1 with an
 * OpenID the phone names itself: the transport follows the build WeChat says it runs.
 */

const cloud = { transport: 'cloud', envId: DEPLOYMENT.envId };

describe('the transport each build gets', () => {
  it.each(['release', 'trial'])('%s talks to the deployment’s CloudBase environment', (version) => {
    expect(configFor(version)).toMatchObject(cloud);
  });

  it('develop talks to the local stack by default', () => {
    expect(configFor('develop')).toEqual(DEVELOP);
    expect(DEVELOP).toMatchObject({ transport: 'local', localBaseUrl: 'http://127.0.0.1:3000' });
  });

  it('never gives local outside develop, whatever the develop settings say', () => {
    const local: AppConfig = { ...DEVELOP, transport: 'local' };
    for (const version of ['release', 'trial', '', 'gray', undefined]) {
      expect([version, configFor(version, local).transport]).toEqual([version, 'cloud']);
    }
  });

  it('lets a developer point develop at the cloud', () => {
    expect(configFor('develop', { ...DEVELOP, transport: 'cloud' })).toMatchObject({ transport: 'cloud' });
  });
});

describe('the app’s transport', () => {
  let wxMock: WxMock;

  const asBuild = (envVersion: string) => {
    wxMock = installWx();
    jest.spyOn(wx, 'getAccountInfoSync').mockReturnValue({
      miniProgram: { appId: 'wx1234567890abcdef', envVersion, version: '1.0.0' },
    } as WechatMiniprogram.AccountInfo);
  };
  const freshServices = () => {
    let services: typeof Services | undefined;
    jest.isolateModules(() => {
      services = jest.requireActual<typeof Services>('../../miniprogram/services');
    });
    if (!services) throw new Error('services did not load');
    return services;
  };

  afterEach(() => jest.restoreAllMocks());

  it('goes through wx.cloud in a release build', async () => {
    asBuild('release');
    wxMock.cloud.callFunction.mockResolvedValue({ result: { ok: true, data: 'pong' }, errMsg: 'ok' });
    await freshServices().getTransport().callFunction('resident', { action: 'health' });
    expect(wxMock.cloud.init).toHaveBeenCalledWith(expect.objectContaining({ env: DEPLOYMENT.envId }));
    expect(wxMock.request).not.toHaveBeenCalled();
  });

  it('goes to the local stack in the devtools', async () => {
    asBuild('develop');
    const sent: string[] = [];
    serveRequests(wxMock, (request) => {
      sent.push(request.url);
      return { data: { result: 'pong' } };
    });
    await freshServices().getTransport().callFunction('resident', { action: 'health' });
    expect(sent).toEqual(['http://127.0.0.1:3000/wx/callFunction']);
    expect(wxMock.cloud.init).not.toHaveBeenCalled();
  });
});
