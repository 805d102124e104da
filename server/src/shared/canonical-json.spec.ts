import { createHash } from 'node:crypto';
import { canonicalJson } from './canonical-json';
import { requestHashOf } from '../modules/usage/usage-request';

describe('canonicalJson', () => {
  it('sorts keys at every depth (by UTF-16 code units, integer-like keys too) and drops undefined values', () => {
    expect(canonicalJson({ b: 1, a: [1, { d: undefined, c: 'x' }], e: null })).toBe('{"a":[1,{"c":"x"}],"b":1,"e":null}');
    expect(canonicalJson({ é: 1, Z: 2, a: 3, 10: 4, 9: 5 })).toBe('{"10":4,"9":5,"Z":2,"a":3,"é":1}');
    expect(canonicalJson({ u: undefined })).toBe('{}');
    expect(canonicalJson([undefined, 1, []])).toBe('[null,1,[]]');
    expect(canonicalJson('s"q')).toBe('"s\\"q"');
  });

  it('gives the request hashes stored by earlier versions (sha256 of the canonical text)', () => {
    const legacy = createHash('sha256').update('{"featureKey":"api_calls","metadata":{"run":7},"quantity":3}').digest('hex');
    expect(requestHashOf('api_calls', 3, { run: 7 })).toBe(legacy);
  });
});
