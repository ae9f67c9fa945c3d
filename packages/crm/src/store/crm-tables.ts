import type { ColumnType, Generated } from 'kysely';

type Json = ColumnType<unknown, string | undefined, string>;

/** Kysely types of the crm tables (migration 0200_crm.sql). */
export type CrmTables = {
  crm_customers: {
    id: string;
    kind: string;
    name: string;
    id_number: string | null;
    address: string | null;
    email: string | null;
    notes: string | null;
    attributes: Json;
    created_at: Generated<Date>;
    updated_at: Generated<Date>;
  };
  crm_phones: { customer_id: string; phone_key: string; raw: string; label: string | null; region: string | null };
  crm_account_schemas: { id: string; name: string; fields: Json; updated_at: Generated<Date> };
  crm_accounts: {
    id: string;
    customer_id: string;
    schema_id: string;
    account_number: string;
    data: Json;
    status: Generated<string>;
    created_at: Generated<Date>;
    updated_at: Generated<Date>;
  };
  crm_account_history: {
    id: Generated<string>;
    account_id: string;
    at: Generated<Date>;
    actor_id: string | null;
    before: ColumnType<unknown, string | null, string | null>;
    after: Json;
    reason: string | null;
  };
  crm_contacts: {
    id: Generated<string>;
    customer_id: string | null;
    phone_key: string | null;
    channel: string;
    direction: string;
    ref_type: string | null;
    ref_id: string | null;
    summary: string;
    at: ColumnType<Date, Date | undefined, Date>;
    actor_id: string | null;
    data: Json;
  };
  crm_list_entries: {
    id: string;
    list: string;
    phone_key: string;
    customer_id: string | null;
    reason: string;
    action: string | null;
    priority: number;
    expires_at: Date | null;
    created_by: string | null;
    created_at: Generated<Date>;
    removed_at: Date | null;
    removed_by: string | null;
    removed_reason: string | null;
  };
};
