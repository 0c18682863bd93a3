// How messages reach people: WeChat one-time subscribe messages, behind a small interface. The real implementation
// talks to WeChat (wechatMessenger.ts); locally and in tests the logging one below stands in. Which one a function
// uses is chosen from the environment in messengerFromEnv.ts. Any feature sends through the outbox (outbox.ts).
import { logger } from '../logger';

export interface SubscribeMessage {
  /** The recipient's openid. */
  touser: string;
  templateId: string;
  /** Mini-program page opened from the message. */
  page: string;
  /** Template fields, e.g. { thing1: { value: '刘公岛行走党课' } }. */
  data: Record<string, { value: string }>;
}

export interface WechatMessenger {
  /** Resolves when WeChat accepted the message; throws MessageRefusedError when retrying cannot help. */
  send(message: SubscribeMessage): Promise<void>;
}

/** WeChat refused for good (no consent left, bad openid, bad template data): do not retry. */
export class MessageRefusedError extends Error {
  constructor(
    readonly errcode: number,
    message: string,
  ) {
    super(message);
    this.name = 'MessageRefusedError';
  }
}

/** Writes each message to the log instead of sending it (local runs, tests); remembers the last ones. */
export function createLoggingMessenger(): WechatMessenger & { sent: SubscribeMessage[] } {
  const sent: SubscribeMessage[] = [];
  return {
    sent,
    async send(message) {
      sent.push(message);
      if (sent.length > 100) sent.shift();
      logger.info('wechat subscribe message (logged, not sent)', {
        touser: message.touser,
        templateId: message.templateId,
        page: message.page,
        data: message.data,
      });
    },
  };
}
