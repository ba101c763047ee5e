import { displayedSize, fitLongSide, photoCloudPath } from '../core/photos';
import { LIMITS } from '../core/submit';
import * as resident from '../services/resident';
import { isCancel } from './format';
import { toast } from './ui';

/**
 * Photos picked on the phone, shrunk and uploaded straight to storage as soon as they are picked, so
 * that a form sends only file IDs: the resident's appeal (pages/submit) and the items staff register
 * at the desk (pages/station/visitor). The page keeps the list (shown by components/photo-picker);
 * these helpers do the picking and the upload of one photo.
 */

export type PhotoState = 'preparing' | 'uploading' | 'done' | 'failed';

export interface PhotoItem {
  key: string;
  /** What was picked; shown as the thumbnail. */
  path: string;
  /** The shrunk copy that is uploaded ('' until made). */
  uploadPath: string;
  fileID: string;
  progress: number;
  state: PhotoState;
}

let serial = 0;
export const nextPhotoKey = (): string => `p${Date.now().toString(36)}${(serial += 1)}`;

/** An uploaded photo, as a restored draft holds it. */
export const uploadedPhoto = (path: string, fileID: string): PhotoItem => ({
  key: nextPhotoKey(),
  path,
  uploadPath: '',
  fileID,
  progress: 100,
  state: 'done',
});

/**
 * Opens the camera or the album for at most `room` photos (of LIMITS.photosMax) and answers them
 * ready to upload; none when the list is full or the picker was closed.
 */
export async function pickPhotos(room: number): Promise<PhotoItem[]> {
  const full = `最多上传 ${LIMITS.photosMax} 张照片`;
  if (room <= 0) {
    toast(full);
    return [];
  }
  let chosen: WechatMiniprogram.ChooseMediaSuccessCallbackResult;
  try {
    chosen = await wx.chooseMedia({
      count: room,
      mediaType: ['image'],
      sourceType: ['album', 'camera'],
      // The original: shrinking happens below, once, to a known size.
      sizeType: ['original'],
    });
  } catch (error) {
    if (!isCancel(error)) toast('无法选择照片，请重试');
    return [];
  }
  if (chosen.tempFiles.length > room) toast(full);
  return chosen.tempFiles.slice(0, room).map((file) => ({
    key: nextPhotoKey(),
    path: file.tempFilePath,
    uploadPath: '',
    fileID: '',
    progress: 0,
    state: 'preparing' as PhotoState,
  }));
}

/**
 * Shrinks (once) and uploads one photo under `openid`'s prefix, telling the page each change through
 * `update`; `current` answers the page's copy, undefined once the photo was removed there. Answers
 * whether it ended uploaded; a failure leaves it `failed`, for 重试 or 删除.
 */
export async function uploadPhoto(
  photo: PhotoItem,
  openid: string,
  current: () => PhotoItem | undefined,
  update: (patch: Partial<PhotoItem>) => void,
): Promise<boolean> {
  try {
    let uploadPath = photo.uploadPath;
    if (!uploadPath) {
      update({ state: 'preparing', progress: 0 });
      uploadPath = await shrink(photo.path);
    }
    update({ state: 'uploading', uploadPath, progress: 0 });
    const cloudPath = photoCloudPath(openid, Date.now(), Math.random);
    const { fileID } = await resident.uploadPhoto(uploadPath, cloudPath, (progress) => {
      if (current()?.state === 'uploading') update({ progress });
    });
    if (!current()) return false;
    update({ state: 'done', fileID, progress: 100 });
    return true;
  } catch (error) {
    console.warn('photo upload failed', error);
    update({ state: 'failed' });
    return false;
  }
}

/** The file IDs of the photos uploaded, in order. */
export const uploadedFileIds = (photos: readonly PhotoItem[]): string[] =>
  photos.filter((photo) => photo.state === 'done').map((photo) => photo.fileID);

/** Why a form cannot be sent yet because of its photos; '' when it can. */
export function photosNotReady(photos: readonly PhotoItem[]): string {
  if (photos.some((photo) => photo.state === 'preparing' || photo.state === 'uploading'))
    return '照片还在上传，请稍候再提交';
  if (photos.some((photo) => photo.state === 'failed')) return '有照片没有上传成功，请重试或删除';
  return '';
}

/**
 * Shrinks a photo so that its long side is at most LIMITS.photoLongSide; a photo already small
 * enough is uploaded as it is.
 */
async function shrink(path: string): Promise<string> {
  const info = await wx.getImageInfo({ src: path });
  const fit = fitLongSide(displayedSize(info), LIMITS.photoLongSide);
  if (!fit.resized) return path;
  const compressed = await wx.compressImage({
    src: path,
    quality: 80,
    compressedWidth: fit.width,
    compressedHeight: fit.height,
  });
  return compressed.tempFilePath;
}
