/**
 * kube-bench folders without per-check rows map ids to group-level controls ("4.2.*");
 * the printed title then names the precise control, and the group's component settles
 * titles that several components share (`--anonymous-auth`: API server and kubelet).
 */
import { loadKnowledge } from '../../src/knowledge/index.js';

describe('group-level rows refined by title', () => {
  const kb = loadKnowledge();
  const title = 'Ensure that the --anonymous-auth argument is set to false';

  it('picks the kubelet control for a check in the kubelet group', () => {
    const r = kb.resolve('kube-bench', 'kube-cis-1.12', '4.2.1', title);
    expect(r.control?.key).toBe('k8s.kubelet.anonymous-auth');
    expect(r.control?.component).toBe('kubelet');
  });

  it('picks the API server control for the same title in the API server group', () => {
    const r = kb.resolve('kube-bench', 'kube-cis-1.12', '1.2.1', title);
    expect(r.control?.key).toBe('k8s.apiserver.anonymous-auth');
  });

  it('keeps the group control when the title names nothing known', () => {
    const r = kb.resolve('kube-bench', 'kube-cis-1.12', '1.2.99', 'Ensure something nobody has heard of');
    expect(r.control?.key).toMatch(/^k8s\.group\./);
    expect(r.method).toBe('id');
  });
});
