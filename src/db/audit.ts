// The audit_log table: who did what to which thing, and when (moderation and role changes).
import type { Db } from './driver.ts';

export interface AuditEntry {
  id: number;
  actorId: number | null;
  actorName: string;
  action: string;
  targetType: string;
  targetId: string;
  detail: string | null;
  createdAt: string;
}

export async function insertAudit(db: Db, e: Omit<AuditEntry, 'id'>): Promise<void> {
  await db.run(
    'insert into audit_log (actor_id, actor_name, action, target_type, target_id, detail, created_at) values (?, ?, ?, ?, ?, ?, ?)',
    [e.actorId, e.actorName, e.action, e.targetType, e.targetId, e.detail, e.createdAt],
  );
}

export async function recentAudit(db: Db, limit: number): Promise<AuditEntry[]> {
  const rows = await db.all<{ id: number; actor_id: number | null; actor_name: string; action: string; target_type: string; target_id: string; detail: string | null; created_at: string }>(
    'select * from audit_log order by created_at desc, id desc limit ?',
    [limit],
  );
  return rows.map((r) => ({
    id: Number(r.id), actorId: r.actor_id === null ? null : Number(r.actor_id), actorName: r.actor_name, action: r.action,
    targetType: r.target_type, targetId: r.target_id, detail: r.detail, createdAt: r.created_at,
  }));
}
