/** What is printed: printable QR codes and WeChat mini-program codes, made once and kept in storage. */
export { myCode } from './my-code';
export {
  codeImagePaths,
  codeImageUrls,
  ensureCodeImages,
  imageOf,
  printableQrModules,
  printableQrPng,
  printableUrl,
  wxacodePng,
  type CodeImagePaths,
  type CodeImages,
  type CodeImageUrls,
  type ErrorCorrection,
  type Modules,
  type PrintableOptions,
  type QrApp,
  type WxacodeOptions,
  type WxacodeResult,
} from './qr';
