import type { WeChatIdentity } from './handler';

/**
 * Whether a call to a function that receives WeChat's message push (消息推送, e.g. `wxevents`) came
 * from WeChat, not from a phone. WeChat calls the function with the message as the event and gives
 * the message's sender (`FromUserName`) as the caller's OpenID, as its documentation for message
 * push to cloud functions shows (`cloud.getWXContext().OPENID` is the sender); a call from the
 * mini-program (`wx.cloud.callFunction`) always has a `userInfo` added to its event, which a push
 * never has. A call with no OpenID at all comes from the platform (the console, a timer, a script).
 * Forging a result is of no use anyway: it names a photo by the check's trace_id, which WeChat gave
 * the functions and no phone ever sees.
 */
export function isMessagePush(event: unknown, caller: WeChatIdentity): boolean {
  if (!caller.openid) return true;
  const body = (typeof event === 'object' && event !== null ? event : {}) as Record<string, unknown>;
  return body.MsgType === 'event' && body.FromUserName === caller.openid && !('userInfo' in body);
}
