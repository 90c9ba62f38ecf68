import { exactMoneyText, moneyText } from './money.js';

describe('money in words (two significant figures)', () => {
  it.each([
    [0, '£0'],
    [0.4, '£0'],
    [7, '£7'],
    [2_480, '£2,500'],
    [48_000, '£48,000'],
    [388_412, '£390,000'],
    [999_999, '£1M'],
    [4_912_000, '£4.9M'],
    [24_800_000, '£25M'],
    [10_000_000, '£10M'],
    [1_230_000_000, '£1.2bn'],
    [-2_480_000, '-£2.5M'],
  ])('%d -> %s', (pounds, text) => expect(moneyText(pounds)).toBe(text));

  it('keeps the exact figure where a table needs it', () => expect(exactMoneyText(24_812_345.6)).toBe('£24,812,346'));
});
