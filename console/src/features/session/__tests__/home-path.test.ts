import { homePath, safeNextPath } from '../home-path';
import type { Viewer } from '../useViewer';

const viewer = (orgIds: string[], isPlatformAdmin = false): Viewer => ({
  user: { id: 'u', email: 'a@b.co', displayName: null, isPlatformAdmin },
  memberships: orgIds.map((id) => ({ role: 'OWNER', organization: { id, name: id, slug: id } })),
});

describe('homePath', () => {
  it('prefers the remembered organization while the viewer still belongs to it', () => {
    expect(homePath(viewer(['a', 'b']), 'b')).toBe('/orgs/b');
    expect(homePath(viewer(['a', 'b']), 'gone')).toBe('/orgs/a');
  });
  it('sends platform admins without organizations to the admin view', () => {
    expect(homePath(viewer([], true), null)).toBe('/admin/organizations');
    expect(homePath(viewer([], false), null)).toBe('/no-organization');
  });
});

describe('safeNextPath', () => {
  it('follows only same-site paths', () => {
    expect(safeNextPath('/orgs/a/usage?x=1')).toBe('/orgs/a/usage?x=1');
    expect(safeNextPath('//evil.example')).toBeNull();
    expect(safeNextPath('https://evil.example')).toBeNull();
    expect(safeNextPath(null)).toBeNull();
  });
});
