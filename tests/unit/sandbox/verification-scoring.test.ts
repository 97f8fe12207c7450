import { scorePhotoUrl, scorePhotos } from '../../../src/sandbox/verification';

describe('scorePhotoUrl', () => {
  it.each([
    ['https://oss.example.com/a.jpg?score=0.83', 0.83, 'explicit_score'],
    ['https://oss.example.com/a.jpg?score=0', 0, 'explicit_score'],
    ['https://oss.example.com/a.jpg?score=7', 1, 'explicit_score'],
    ['https://oss.example.com/blurry-box.jpg', 0.4, 'photo_blurry'],
    ['https://oss.example.com/DAMAGED-corner.png', 0.9, 'damage_clearly_visible'],
    ['https://oss.example.com/spoiled-crab.jpg', 0.9, 'damage_clearly_visible'],
    ['https://oss.example.com/fake.jpg', 0.1, 'suspected_stock_or_fake_photo'],
    ['https://oss.example.com/stock-photo-damaged.jpg', 0.1, 'suspected_stock_or_fake_photo'],
    ['https://oss.example.com/damaged.jpg?score=0.2', 0.2, 'explicit_score'],
  ])('%s → %d (%s)', (url, score, reason) => {
    expect(scorePhotoUrl(url)).toEqual({ score, reason });
  });

  it('anything else gets a stable value in [0.3, 0.95]', () => {
    const urls = Array.from({ length: 200 }, (_, i) => `https://oss.example.com/case/${i}.jpg`);
    const scores = urls.map((u) => scorePhotoUrl(u).score);
    for (const s of scores) {
      expect(s).toBeGreaterThanOrEqual(0.3);
      expect(s).toBeLessThanOrEqual(0.95);
    }
    expect(urls.map((u) => scorePhotoUrl(u).score)).toEqual(scores);
    expect(new Set(scores).size).toBeGreaterThan(20);
  });
});

describe('scorePhotos', () => {
  it('the best photo counts', () => {
    expect(scorePhotos(['x/blurry.jpg', 'x/damaged.jpg'])).toEqual({ score: 0.9, reasons: ['photo_blurry', 'damage_clearly_visible'] });
  });
  it('one fraudulent photo pulls the score to the worst', () => {
    expect(scorePhotos(['x/damaged.jpg', 'x/fake.jpg']).score).toBe(0.1);
  });
});
