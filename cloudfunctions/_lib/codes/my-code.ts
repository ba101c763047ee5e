import type { MyCodeView } from '../../../miniprogram/core/api';
import { sceneFor } from '../../../miniprogram/core/codes';
import { fail, isFailure, type Failure } from '../../../miniprogram/core/result';
import { requireDeputy, type ActionContext } from '../platform';
import { codeImageUrls, ensureCodeImages, printableUrl } from './qr';

/** `deputy.myCode`: the caller's own 代表码, printable and as a mini-program code, made once and kept. */
export async function myCode(
  _input: Record<string, unknown>,
  ctx: ActionContext,
): Promise<MyCodeView | Failure> {
  const found = await requireDeputy(ctx);
  if (isFailure(found)) return found;
  const { deputy } = found;
  const target = { type: 'deputy' as const, code: deputy.code };
  const images = await ensureCodeImages(ctx.app, target);
  const urls = await codeImageUrls(ctx.app, images);
  if (!urls.qr) return fail('INTERNAL', '二维码生成失败，请稍后再试');
  return {
    code: deputy.code,
    name: deputy.name,
    url: printableUrl(target),
    qrImageUrl: urls.qr,
    wxacodeImageUrl: urls.wxacode,
    scene: sceneFor(target),
  };
}
