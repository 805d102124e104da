import { PageHeader } from '../../components/PageHeader';

export function AuditLogPage() {
  return <PageHeader title="Audit log" />;
}
