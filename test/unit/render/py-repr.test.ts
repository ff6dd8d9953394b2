import { PyFloat, pyFloatRepr, pyRepr, pyStr } from '../../../src/render/py-repr.js';

// Expected values were printed by CPython 3.11 (`repr(value)`), the interpreter the real CLI runs on.
const reprCases: [string, unknown, string][] = [
  ['None', null, 'None'],
  ['True', true, 'True'],
  ['False', false, 'False'],
  ['zero', 0, '0'],
  ['negative int', -7, '-7'],
  ['large int', 12345678901234, '12345678901234'],
  ['int beyond 2**53', 2 ** 60, '1152921504606846976'],
  ['integral float', new PyFloat(1), '1.0'],
  ['half', 0.5, '0.5'],
  ['negative float', -2.25, '-2.25'],
  ['1e16 float', new PyFloat(1e16), '1e+16'],
  ['1e15 float', new PyFloat(1e15), '1000000000000000.0'],
  ['float needing 17 digits', new PyFloat(1.2345678901234568e17), '1.2345678901234568e+17'],
  ['1e-4', 0.0001, '0.0001'],
  ['1e-5', 0.00001, '1e-05'],
  ['1.5e-7', 1.5e-7, '1.5e-07'],
  ['pi-ish', 3.14159, '3.14159'],
  ['1e22', new PyFloat(1e22), '1e+22'],
  ['tiny', 2.5e-300, '2.5e-300'],
  ['negative zero', -0, '-0.0'],
  ['plain string', 'plain', "'plain'"],
  ['apostrophe switches to double quotes', "it's", '"it\'s"'],
  ['double quotes stay inside single', 'say "hi"', `'say "hi"'`],
  ['both quotes escape the single one', `both ' and "`, `'both \\' and "'`],
  ['tab', 'tab\there', "'tab\\there'"],
  ['newline', 'new\nline', "'new\\nline'"],
  ['backslash', 'back\\slash', "'back\\\\slash'"],
  ['carriage return', 'cr\rx', "'cr\\rx'"],
  ['bell', 'bell\x07', "'bell\\x07'"],
  ['DEL', 'del\x7f', "'del\\x7f'"],
  ['no-break space', 'nbsp\xa0x', "'nbsp\\xa0x'"],
  ['soft hyphen', 'soft\xadhyphen', "'soft\\xadhyphen'"],
  ['latin-1 letter', 'caf\u00e9', "'café'"],
  ['CJK', '\u4e2d\u6587', "'中文'"],
  ['zero-width space', 'zw\u200bsp', "'zw\\u200bsp'"],
  ['line separator', 'ls\u2028x', "'ls\\u2028x'"],
  ['emoji', 'emoji \u{1F600}', "'emoji 😀'"],
  ['private use', 'priv\ue000', "'priv\\ue000'"],
  ['NUL', '\x00nul', "'\\x00nul'"],
  ['em space', 'em\u2003space', "'em\\u2003space'"],
  ['astral unassigned', '\u{E0080}', "'\\U000e0080'"],
  ['empty list', [], '[]'],
  ['list', ['x', 'y'], "['x', 'y']"],
  ['empty dict', {}, '{}'],
  ['dict', { a: 'b' }, "{'a': 'b'}"],
  [
    'nested dict in insertion order',
    { kube_tag: 'v1.27.4', n: 3, ok: true, none: null, l: [1, '2'], d: { x: 1.5 } },
    "{'kube_tag': 'v1.27.4', 'n': 3, 'ok': True, 'none': None, 'l': [1, '2'], 'd': {'x': 1.5}}",
  ],
  ['keys are quoted by the same rules', { "it's": 'a"b' }, `{"it's": 'a"b'}`],
];

describe('pyRepr', () => {
  test.each(reprCases)('prints %s as CPython repr does', (_name, value, expected) => {
    expect(pyRepr(value)).toEqual(expected);
  });
});

describe('pyStr', () => {
  test('prints a top-level string as it is', () => {
    expect(pyStr("it's\n")).toEqual("it's\n");
  });

  test('prints other values as their repr', () => {
    expect(pyStr(['a'])).toEqual("['a']");
    expect(pyStr(null)).toEqual('None');
  });
});

describe('pyFloatRepr', () => {
  test.each([
    [Infinity, 'inf'],
    [-Infinity, '-inf'],
    [NaN, 'nan'],
    [0, '0.0'],
    [100, '100.0'],
    [-1e-5, '-1e-05'],
    [1.7976931348623157e308, '1.7976931348623157e+308'],
  ])('prints %p as %p', (value, expected) => {
    expect(pyFloatRepr(value)).toEqual(expected);
  });
});
