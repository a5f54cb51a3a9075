import { describe, expect, it } from 'vitest';
import { barLayout, labelIndexes, trafficScale } from './chart-scale.ts';

const MB = 1024;
const GB = 1024 * 1024;

describe('trafficScale', () => {
  it.each([
    [0, 1],
    [-5, 1],
    [90, 100],
    [750 * MB, 800 * MB],
    [3.1 * GB, 4 * GB],
    [1 * GB, 1 * GB],
  ])('reaches just above a maximum of %d KB', (max, top) => {
    const scale = trafficScale(max);
    expect(scale.max).toBe(top);
    expect(scale.ticks[0]).toBe(0);
    expect(scale.ticks.at(-1)).toBe(top);
  });

  it('puts ticks on round figures of the displayed unit', () => {
    expect(trafficScale(750 * MB).ticks).toEqual([0, 200, 400, 600, 800].map((v) => v * MB));
    expect(trafficScale(3.1 * GB).ticks).toEqual([0, 1, 2, 3, 4].map((v) => v * GB));
    expect(trafficScale(90).ticks).toEqual([0, 50, 100]);
  });
});

describe('barLayout', () => {
  it('gives each value a slot, scales to the height, and keeps a sliver for tiny values', () => {
    const bars = barLayout([0, 50, 100, 0.001], { max: 100, ticks: [0, 100] }, 400, 200, 0.5);
    expect(bars).toHaveLength(4);
    expect(bars[0]).toEqual({ x: 25, y: 200, width: 50, height: 0 });
    expect(bars[1]).toEqual({ x: 125, y: 100, width: 50, height: 100 });
    expect(bars[2]).toEqual({ x: 225, y: 0, width: 50, height: 200 });
    expect(bars[3]!.height).toBe(1);
  });

  it('draws nothing for no values', () => {
    expect(barLayout([], { max: 1, ticks: [0, 1] }, 400, 200)).toEqual([]);
  });
});

describe('labelIndexes', () => {
  it.each([
    [7, 700, 60, [0, 1, 2, 3, 4, 5, 6]],
    [30, 600, 60, [2, 5, 8, 11, 14, 17, 20, 23, 26, 29]],
    [1, 600, 60, [0]],
    [0, 600, 60, []],
  ])('%i labels across %i px', (count, width, labelWidth, expected) => {
    expect(labelIndexes(count, width, labelWidth)).toEqual(expected);
  });
});
