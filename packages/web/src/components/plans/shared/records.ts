import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { notify } from '../../../i18n/notify';

/**
 * Create, edit and delete for a plans list: which record is open in the form ('new' for a new
 * one), saving it (at its version when edited) and deleting one, each followed by a message and a
 * refresh of the list's queries; a failed delete is kept as `error`.
 */
export function useRecordEditor<V extends { id: string; version: number }, I>(opts: {
  queryKey: readonly unknown[];
  create: (input: I) => Promise<unknown>;
  update: (id: string, input: I & { version: number }) => Promise<unknown>;
  remove: (id: string) => Promise<unknown>;
  savedMessage: string;
  deletedMessage: string;
}) {
  const queryClient = useQueryClient();
  const [editing, setEditing] = useState<V | 'new' | null>(null);
  const [error, setError] = useState<unknown>(null);
  const refresh = () => queryClient.invalidateQueries({ queryKey: opts.queryKey });
  async function save(input: I) {
    if (editing && editing !== 'new') {
      await opts.update(editing.id, { ...input, version: editing.version });
    } else {
      await opts.create(input);
    }
    notify('success', opts.savedMessage);
    setEditing(null);
    await refresh();
  }
  async function remove(record: V) {
    setError(null);
    try {
      await opts.remove(record.id);
      notify('success', opts.deletedMessage);
      await refresh();
    } catch (err) {
      setError(err);
    }
  }
  return { editing, setEditing, error, save, remove };
}
