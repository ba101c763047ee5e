import { getTransport } from './index';

/**
 * Asks for subscribe-message consent. WeChat only shows the dialog from a tap, so call this first
 * thing in a tap handler, before any await. Every tap is a chance to collect a credit (one credit,
 * one message); a refusal or a failure is never an error for the task the user tapped for.
 */
export function askConsent(templateIds: string[]): Promise<Record<string, string>> {
  return new Promise((resolve) => {
    wx.requestSubscribeMessage({
      tmplIds: templateIds,
      success: (res) => {
        const results: Record<string, string> = {};
        for (const id of templateIds) results[id] = res[id] ?? 'reject';
        void getTransport()
          .reportSubscriptions(results)
          .catch(() => undefined)
          .then(() => resolve(results));
      },
      fail: () => resolve({}),
    });
  });
}
