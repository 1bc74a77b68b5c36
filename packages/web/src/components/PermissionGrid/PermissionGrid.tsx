import {
  ACTIONS,
  type Action,
  type Permission,
  RESOURCE_ACTIONS,
  RESOURCES,
  type Resource,
  SCOPES,
  type Scope,
} from '@ctip/domain';
import { NativeSelect, ScrollArea, Table, Text } from '@mantine/core';
import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { permissionScope, permissionsWithScope } from './permission-grid';

export type PermissionGridProps = {
  value: readonly Permission[];
  onChange?: (permissions: Permission[]) => void;
  readOnly?: boolean;
  /** Accessible name of the grid. */
  label: string;
};

const NONE = '';

function isScope(value: string): value is Scope {
  return (SCOPES as readonly string[]).includes(value);
}

/**
 * Resources as rows, actions as columns, and a scope (none/own/agency/country/region) per cell;
 * only the actions RESOURCE_ACTIONS allows on a resource get a cell.
 */
export function PermissionGrid({
  value,
  onChange,
  readOnly = false,
  label,
}: PermissionGridProps): ReactElement {
  const { t } = useTranslation();
  const scopeOptions = [
    { value: NONE, label: t('scope.none') },
    ...SCOPES.map((s) => ({ value: s, label: t(`scope.${s}`) })),
  ];

  function handleChange(resource: Resource, action: Action, raw: string): void {
    onChange?.(permissionsWithScope(value, resource, action, isScope(raw) ? raw : null));
  }

  return (
    <ScrollArea type="auto">
      <Table aria-label={label} withTableBorder withColumnBorders data-testid="permission-grid">
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t('roles.resource')}</Table.Th>
            {ACTIONS.map((action) => (
              <Table.Th key={action} scope="col">
                {t(`action.${action}`)}
              </Table.Th>
            ))}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {RESOURCES.map((resource) => (
            <Table.Tr key={resource}>
              <Table.Th scope="row">{t(`resource.${resource}`)}</Table.Th>
              {ACTIONS.map((action) => {
                if (!RESOURCE_ACTIONS[resource].includes(action)) {
                  return (
                    <Table.Td key={action}>
                      <Text c="dimmed" aria-hidden>
                        –
                      </Text>
                    </Table.Td>
                  );
                }
                const scope = permissionScope(value, resource, action);
                const cellLabel = t('roles.cellLabel', {
                  resource: t(`resource.${resource}`),
                  action: t(`action.${action}`),
                });
                return (
                  <Table.Td key={action}>
                    {readOnly ? (
                      <Text size="sm" c={scope ? undefined : 'dimmed'}>
                        {scope ? t(`scope.${scope}`) : t('scope.none')}
                      </Text>
                    ) : (
                      <NativeSelect
                        size="xs"
                        aria-label={cellLabel}
                        data={scopeOptions}
                        value={scope ?? NONE}
                        onChange={(e) => handleChange(resource, action, e.currentTarget.value)}
                        data-testid={`perm-${resource}-${action}`}
                      />
                    )}
                  </Table.Td>
                );
              })}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </ScrollArea>
  );
}
