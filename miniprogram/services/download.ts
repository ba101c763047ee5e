/**
 * Downloads a file (a temporary URL: a deputy's code, the import template) to a local temporary
 * file, which is what wx.saveImageToPhotosAlbum and wx.openDocument need. Lives in services/
 * because only services may use the network.
 */
export function download(url: string): Promise<string> {
  return new Promise((resolve, reject) => {
    wx.downloadFile({
      url,
      success: ({ statusCode, tempFilePath }) => {
        if (statusCode === 200) resolve(tempFilePath);
        else reject(new Error(`downloadFile: HTTP ${statusCode}`));
      },
      fail: (error) => reject(new Error(error.errMsg)),
    });
  });
}
