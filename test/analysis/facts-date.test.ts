/** The --facts file and the generation time (--date, SOURCE_DATE_EPOCH). */
import { engineMajor, parseFacts } from '../../src/analysis/facts.js';
import { parseDate, resolveGeneratedAt } from '../../src/analysis/generated-at.js';
import { InputError, UsageError } from '../../src/model/errors.js';

describe('run facts', () => {
  it('reads the documented fields and fills the rest from a docker info excerpt', () => {
    const facts = parseFacts(
      JSON.stringify({
        shell: 'dash',
        container: false,
        dockerInfo: { ServerVersion: '27.3.1', LoggingDriver: 'journald', SecurityOptions: ['name=apparmor', 'name=seccomp,profile=builtin', 'name=rootless'], Swarm: { LocalNodeState: 'active', ControlAvailable: false } },
      }),
      'facts.json',
    );
    expect(facts).toEqual({ shell: 'dash', container: false, serverVersion: '27.3.1', loggingDriver: 'journald', rootless: true, lsm: 'apparmor', swarm: 'worker' });
  });
  it('lets explicit facts win over the docker info excerpt', () => {
    expect(parseFacts('{"swarm":"manager","dockerInfo":{"Swarm":{"LocalNodeState":"inactive"}}}', 'f').swarm).toBe('manager');
  });
  it('refuses unknown keys and wrong types with the line of the key', () => {
    const text = '{\n  "shell": "bash",\n  "rootles": true\n}\n';
    const err = (() => {
      try {
        parseFacts(text, 'facts.json');
      } catch (e) {
        return e as InputError;
      }
      throw new Error('no error');
    })();
    expect(err).toBeInstanceOf(InputError);
    expect(err.line).toBe(3);
    expect(err.message).toMatch(/unknown fact "rootles"/);
    expect(() => parseFacts('{\n"swarm": "yes"\n}', 'f')).toThrow(/one of inactive, manager, worker/);
    expect(() => parseFacts('{"imagesInUse": "nginx"}', 'f')).toThrow(/list of strings/);
  });
  it('names the line of a JSON syntax error, and refuses a non-object', () => {
    expect(() => parseFacts('{\n"shell": "bash",\n}', 'f')).toThrow(InputError);
    expect(() => parseFacts('[1]', 'f')).toThrow(/one JSON object/);
  });
  it('reads engine major versions', () => {
    expect(['27.3.1', '19.03.12', 'v25.0.0', 'dev', undefined].map((v) => engineMajor(v))).toEqual([27, 19, 25, null, null]);
  });
});

describe('generation time', () => {
  const never = () => {
    throw new Error('the clock must not be read');
  };
  it('takes --date first (ISO or @epoch), then SOURCE_DATE_EPOCH, and only then the clock', () => {
    expect(resolveGeneratedAt('2024-05-01', '1', never)).toBe('2024-05-01T00:00:00.000Z');
    expect(resolveGeneratedAt('2024-05-01T12:30:00+02:00', undefined, never)).toBe('2024-05-01T10:30:00.000Z');
    expect(resolveGeneratedAt('@1714557600', undefined, never)).toBe('2024-05-01T10:00:00.000Z');
    expect(resolveGeneratedAt(undefined, '1714557600', never)).toBe('2024-05-01T10:00:00.000Z');
    expect(resolveGeneratedAt(undefined, undefined, () => new Date(Date.UTC(2030, 0, 2)))).toBe('2030-01-02T00:00:00.000Z');
  });
  it('refuses what is not a date', () => {
    expect(() => parseDate('yesterday', '--date')).toThrow(UsageError);
    expect(() => parseDate('2024-13-45', '--date')).toThrow(UsageError);
    expect(() => resolveGeneratedAt(undefined, '12abc', never)).toThrow(/SOURCE_DATE_EPOCH/);
  });
});
