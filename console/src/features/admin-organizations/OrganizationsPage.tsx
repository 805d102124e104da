import { PageHeader } from '../../components/PageHeader';

export function OrganizationsPage() {
  return <PageHeader title="Organizations" />;
}
