// Normalisation and the local word list (no I/O).
import { createLocalChecker } from '../../functions/wall/content/localChecker';
import { normalizeForMatching } from '../../functions/wall/content/normalize';
import { countCharacters, postMessageSchema } from '../../shared/api/wall';

describe('normalizeForMatching', () => {
  it.each([
    ['ＡＢＣ　ｄｅｆ', 'abcdef'],
    ['F u C k', 'fuck'],
    ['傻\u200B逼', '傻逼'],
    ['傻\u200D\uFEFF逼', '傻逼'],
    ['法-轮.功!', '法轮功'],
    ['欢迎 🎉 回家', '欢迎回家'],
    ['①②③', '123'],
  ])('%j → %j', (input, expected) => {
    expect(normalizeForMatching(input)).toBe(expected);
  });
});

describe('local checker', () => {
  const checker = createLocalChecker({
    block: { insult: ['坏蛋', 'BadWord'] },
    review: { advertising: ['加微信'] },
  });
  const check = (text: string) => checker.check({ text, openid: 'o' });

  it('blocks listed words however they are spaced, cased or widened', async () => {
    for (const text of ['你是坏蛋', '你是 坏 蛋', '坏*蛋', 'ｂａｄ ｗｏｒｄ', 'B.A.D.W.O.R.D']) {
      expect(await check(text)).toEqual({ suggest: 'risky', provider: 'local', label: 'insult' });
    }
  });

  it('sends review words to the queue and passes the rest', async () => {
    expect((await check('加 微 信 聊')).suggest).toBe('review');
    expect(await check('欢迎回家')).toEqual({ suggest: 'pass', provider: 'local', label: null });
  });

  it('the shipped list passes ordinary welcome messages', async () => {
    const shipped = createLocalChecker();
    for (const text of [
      '欢迎回家！',
      '传承红色情怀',
      '舞台独唱真好听',
      '收藏独特的回忆',
      '感谢社区的服务 👍',
    ]) {
      expect((await shipped.check({ text, openid: 'o' })).suggest).toBe('pass');
    }
  });
});

describe('text length', () => {
  it('counts code points after trimming: emoji and Chinese count as one', () => {
    expect(countCharacters('  家🎉a  ')).toBe(3);
    expect(postMessageSchema.safeParse({ text: '🎉'.repeat(200) }).success).toBe(true);
    expect(postMessageSchema.safeParse({ text: '🎉'.repeat(201) }).success).toBe(false);
    expect(postMessageSchema.safeParse({ text: '   ' }).success).toBe(false);
  });
});
