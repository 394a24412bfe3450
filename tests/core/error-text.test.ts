import { errorText } from '../../core/error-text';

describe('errorText', () => {
  it('reads an Error, a string and any other thrown value', () => {
    expect(errorText(new Error('ARM answered 403'))).toBe('ARM answered 403');
    expect(errorText(new TypeError(''))).toBe('TypeError');
    expect(errorText('plain text')).toBe('plain text');
    expect(errorText({ code: 'Throttled', status: 429 })).toBe('{"code":"Throttled","status":429}');
    expect(errorText(undefined)).toBe('unknown error');
  });
});
