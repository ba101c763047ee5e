import { analyse, mainClass, segmenterLoaded } from '../../cloudfunctions/_lib/problems';

/** Reading one appeal: typos heard through their pinyin, places kept apart from the problem. */

const main = (description: string) => mainClass(analyse({ description }));

it('loads the segmenter only when an appeal is first read', () => {
  expect(segmenterLoaded()).toBe(false);
  analyse({ description: '路灯坏了' });
  expect(segmenterLoaded()).toBe(true);
});

it('hears a homophone typo as the word it sounds like', () => {
  expect(main('楼下躁音太大了')).toBe('noise_life');
  expect(main('门口的路等坏了')).toBe('street_lights');
  expect(main('电题停运一个星期了')).toBe('elevator');
  // A real word that only sounds like one is not taken for it: 午夜 (midnight) is no 物业.
  expect(analyse({ description: '午夜时分还很热闹' }).classes.has('property_service')).toBe(false);
});

it('keeps places apart from the problem', () => {
  const a = analyse({ description: '幸福里小区3栋楼下烧烤店油烟太大', location: { name: '华林路' } });
  expect(a.places).toEqual(expect.arrayContaining(['幸福里', '华林路']));
  expect(a.namedPlaces).toEqual(['幸福里']);
  expect([...a.terms.keys()]).not.toContain('幸福里');
  expect(mainClass(a)).toBe('cooking_fumes');
  // 水泥路 ends like a road's name but is a kind of road.
  expect(analyse({ description: '门前的水泥路碎了' }).places).toEqual([]);
});

it('lets a specific problem win over the 物业 it was reported to', () => {
  expect(main('物业不管，电梯坏了三天')).toBe('elevator');
  expect(main('物业服务太差，物业费还涨价')).toBe('property_service');
});

it('counts a lone character only as a word of its own', () => {
  expect(analyse({ description: '楼下水果店' }).classes.has('water_supply')).toBe(false);
});
