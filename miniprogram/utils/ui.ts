/**
 * WeChat's interface calls as the pages fire them. Called without callbacks, each answers a promise;
 * its failure (a toast replaced by the next one, a preview the person closed) is nothing anyone
 * needs to hear of, so it is settled here rather than left as an unhandled rejection. One failure
 * is worth handling: WeChat refuses `navigateTo` once ten pages are open, and then the new page
 * takes the current one's place instead of going nowhere.
 */

const settle = (pending: unknown): void => {
  Promise.resolve(pending).catch(() => undefined);
};

export const toast = (title: string, icon: 'none' | 'success' = 'none'): void =>
  settle(wx.showToast({ title, icon }));

export function navigate(url: string): void {
  Promise.resolve(wx.navigateTo({ url })).catch(() => settle(wx.redirectTo({ url })));
}

export const redirect = (url: string): void => settle(wx.redirectTo({ url }));

/** Closes every page and opens this one (back to the start). */
export const relaunch = (url: string): void => settle(wx.reLaunch({ url }));

export const back = (): void => settle(wx.navigateBack());

/** A loading overlay that blocks taps until hideLoading. */
export const showLoading = (title: string): void => settle(wx.showLoading({ title, mask: true }));

export const hideLoading = (): void => settle(wx.hideLoading());

export const preview = (current: string, urls: string[]): void => settle(wx.previewImage({ current, urls }));

/** Scrolls the page so that the element `selector` names is at the top, a little below the bar. */
export const scrollToElement = (selector: string): void =>
  settle(wx.pageScrollTo({ selector, offsetTop: -16, duration: 300 }));

export const stopPullDown = (): void => settle(wx.stopPullDownRefresh());

/** A message the person must read and acknowledge (one button). */
export const alert = (title: string, content: string): void =>
  settle(wx.showModal({ title, content, showCancel: false }));

/** Opens the phone's dialler on a number (the person still confirms the call). */
export const callPhone = (phoneNumber: string): void => settle(wx.makePhoneCall({ phoneNumber }));

export const setTitle = (title: string): void => settle(wx.setNavigationBarTitle({ title }));

/**
 * A question with two buttons (WeChat shows at most 4 Chinese characters on each); answers whether
 * the person confirmed. A dialog that failed to show counts as not confirmed.
 */
export async function confirm(
  title: string,
  content: string,
  confirmText = '确定',
  cancelText = '取消',
): Promise<boolean> {
  try {
    return (await wx.showModal({ title, content, confirmText, cancelText })).confirm;
  } catch {
    return false;
  }
}
