import { displayWidth, renderListTable, renderPrettyTable, renderShowOneTable } from '../../../src/render/cli-table.js';

// Printed by the real cliff 3.10 TableFormatter + prettytable 3.6 + wcwidth 0.2.5 (Debian 12's openstack CLI).
const golden: Record<string, string> = {
  multiline:
    '+---------------+--------------------+\n| Field         | Value              |\n+---------------+--------------------+\n| status_reason | line one           |\n|               | second longer line |\n|               | third cr           |\n| name          | x                  |\n+---------------+--------------------+\n',
  wide: "+--------+------------------------------+\n| Field  | Value                        |\n+--------+------------------------------+\n| name   | \u96c6\u7fa4-\u03b1                       |\n| labels | {'\u63cf\u8ff0': '\u30c6\u30b9\u30c8', 'e': 'e\u0301'} |\n+--------+------------------------------+\n",
  listnum:
    '+-------+-------+-------+-------+\n| name  | count | ok    | ratio |\n+-------+-------+-------+-------+\n| a     |     1 | True  |   0.5 |\n| bbbbb |   100 | False | 12.25 |\n+-------+-------+-------+-------+\n',
  liststrfirst: '+------+-------+\n| name | count |\n+------+-------+\n| a    | None  |\n| b    | 7     |\n+------+-------+\n',
  control: '+-------+-------+\n| Field | Value |\n+-------+-------+\n| k     | a\u001bb       |\n+-------+-------+\n',
  ansi: '+-------+-------+\n| Field | Value |\n+-------+-------+\n| k     | \u001b[31mred\u001b[0m   |\n+-------+-------+\n',
};

describe('renderShowOneTable', () => {
  test('splits multi-line values into several table lines and turns CR into a space like cliff', () => {
    expect(
      renderShowOneTable([
        ['status_reason', 'line one\nsecond longer line\r\nthird\rcr'],
        ['name', 'x'],
      ]),
    ).toEqual(golden.multiline);
  });

  test('counts East Asian wide characters as two columns and combining marks as none', () => {
    expect(
      renderShowOneTable([
        ['name', '集群-α'],
        ['labels', { 描述: 'テスト', e: 'e\u0301' }],
      ]),
    ).toEqual(golden.wide);
  });

  test('measures a line with a control character as -1 wide, as wcwidth does', () => {
    expect(renderShowOneTable([['k', 'a\x1bb']])).toEqual(golden.control);
  });

  test('ignores colour escapes when measuring', () => {
    expect(renderShowOneTable([['k', '\x1b[31mred\x1b[0m']])).toEqual(golden.ansi);
  });
});

describe('renderListTable', () => {
  test('right-aligns columns whose first-row value is a number, not booleans', () => {
    expect(
      renderListTable(
        ['name', 'count', 'ok', 'ratio'],
        [
          ['a', 1, true, 0.5],
          ['bbbbb', 100, false, 12.25],
        ],
      ),
    ).toEqual(golden.listnum);
  });

  test('decides alignment from the first row only', () => {
    expect(
      renderListTable(
        ['name', 'count'],
        [
          ['a', null],
          ['b', 7],
        ],
      ),
    ).toEqual(golden.liststrfirst);
  });

  test('prints a lone newline for no rows, as cliff does', () => {
    expect(renderListTable(['uuid'], [])).toEqual('\n');
  });
});

describe('renderPrettyTable', () => {
  test('centres like str.center', () => {
    expect(renderPrettyTable(['ab', 'abc'], [['abcde', 'abcdef']], ['c', 'c'])).toEqual(
      ['+-------+--------+', '|   ab  |  abc   |', '+-------+--------+', '| abcde | abcdef |', '+-------+--------+'].join('\n'),
    );
  });
});

describe('displayWidth', () => {
  test.each([
    ['ascii', 5],
    ['中文', 4],
    ['e\u0301', 1],
    ['zw\u200b', 2],
    ['\u{1F600}', 2],
    ['tab\t', -1],
  ])('measures %p as %p cells', (text, width) => {
    expect(displayWidth(text)).toEqual(width);
  });
});
