import type { PlaceInput } from '../../core/api';
import type { Target } from '../../core/codes';
import type { CaseKind } from '../../core/model';

/**
 * The unfinished form, kept on the phone after every change so that nothing typed is lost when the
 * resident leaves, takes a call, or WeChat drops the page. One draft per deputy or station scanned.
 * It keeps the clientRequestId too: a submit retried after the app was closed still answers the
 * case already stored, instead of making a second one.
 */
export interface DraftForm {
  kind: CaseKind | '';
  category: string;
  description: string;
  phone: string;
  contactName: string;
  anonymous: boolean;
  consent: boolean;
  location: PlaceInput | null;
  /** The location's own consent, asked before the picker opens (PIPL: apart from the notice). */
  locationConsent: boolean;
  /** 五公开: agreed to publish the outcome, masked, once closed; never required. */
  publishConsent: boolean;
}

export interface Draft {
  clientRequestId: string;
  form: DraftForm;
  /** Photos already uploaded: the file ID is what counts; the local path is only for the thumbnail. */
  photos: Array<{ fileID: string; path: string }>;
  /** Voice notes already uploaded (声音留言); `src` plays it while the phone still has the file. */
  voiceNotes?: Array<{ fileID: string; src: string; duration: number }>;
}

export const EMPTY_FORM: DraftForm = {
  kind: '',
  category: '',
  description: '',
  phone: '',
  contactName: '',
  anonymous: false,
  consent: false,
  location: null,
  locationConsent: false,
  publishConsent: false,
};

export const draftKey = (target: Target): string => `draft:${target.type}:${target.code}`;

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Reads a stored draft, trusting nothing: a draft from an older version of the app may lack fields. */
export function parseDraft(stored: unknown): Draft | null {
  if (!isRecord(stored) || typeof stored.clientRequestId !== 'string' || !stored.clientRequestId) return null;
  const form = isRecord(stored.form) ? stored.form : {};
  const text = (key: keyof DraftForm): string => (typeof form[key] === 'string' ? (form[key] as string) : '');
  // A draft from before the location's own consent was asked keeps no location: it is asked again.
  const locationConsent = form.locationConsent === true;
  const photos = Array.isArray(stored.photos)
    ? stored.photos.filter(
        (photo): photo is { fileID: string; path: string } =>
          isRecord(photo) &&
          typeof photo.fileID === 'string' &&
          !!photo.fileID &&
          typeof photo.path === 'string',
      )
    : [];
  const voiceNotes = Array.isArray(stored.voiceNotes)
    ? stored.voiceNotes.filter(
        (v): v is { fileID: string; src: string; duration: number } =>
          isRecord(v) &&
          typeof v.fileID === 'string' &&
          !!v.fileID &&
          typeof v.src === 'string' &&
          typeof v.duration === 'number',
      )
    : [];
  return {
    clientRequestId: stored.clientRequestId,
    form: {
      kind: text('kind') as CaseKind | '',
      category: text('category'),
      description: text('description'),
      phone: text('phone'),
      contactName: text('contactName'),
      anonymous: form.anonymous === true,
      consent: form.consent === true,
      location: locationConsent && isRecord(form.location) ? (form.location as unknown as PlaceInput) : null,
      locationConsent,
      publishConsent: form.publishConsent === true,
    },
    photos: photos.map(({ fileID, path }) => ({ fileID, path })),
    ...(voiceNotes.length > 0
      ? { voiceNotes: voiceNotes.map(({ fileID, src, duration }) => ({ fileID, src, duration })) }
      : {}),
  };
}

export function loadDraft(target: Target): Draft | null {
  try {
    return parseDraft(wx.getStorageSync(draftKey(target)));
  } catch {
    return null;
  }
}

export function saveDraft(target: Target, draft: Draft): void {
  try {
    wx.setStorageSync(draftKey(target), draft);
  } catch (error) {
    // A full storage loses the draft, not the form on screen.
    console.warn('cannot save the draft', error);
  }
}

export function clearDraft(target: Target): void {
  try {
    wx.removeStorageSync(draftKey(target));
  } catch {
    // Nothing to do: a stale draft is restored at worst, with its already-used clientRequestId.
  }
}
