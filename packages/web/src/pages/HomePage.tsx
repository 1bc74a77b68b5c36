import { Badge, Card, Group, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import type { ReactElement, ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useCountryLabel, useRoles } from '../api/queries';
import { useCan, useSession } from '../auth/session';
import { DateText } from '../components/DateText/DateText';
import { MODULES } from '../modules';

function Fact({ label, children }: { label: string; children: ReactNode }): ReactElement {
  return (
    <>
      <Text component="dt" fw={600}>
        {label}
      </Text>
      <Text component="dd" m={0}>
        {children}
      </Text>
    </>
  );
}

/** Home: who the user is (agency, country, roles, last login) and the modules they can open. */
export function HomePage(): ReactElement | null {
  const { t } = useTranslation();
  const session = useSession();
  const can = useCan();
  const countryLabel = useCountryLabel();
  const roles = useRoles(can('read', 'role'));
  if (!session) {
    return null;
  }
  const { user } = session;
  const roleNames = user.roleKeys.map((key) => {
    const role = roles.data?.find((r) => r.key === key);
    if (role && !role.isBuiltIn) {
      return role.name;
    }
    return t(`role.${key}.name`, { defaultValue: role?.name ?? key });
  });
  const modules = MODULES.filter((m) => can('read', m.resource));

  return (
    <Stack gap="lg">
      <Title order={1} size="h2" data-testid="welcome">
        {t('home.welcome', { name: user.displayName })}
      </Title>
      <Card withBorder>
        <SimpleGrid
          component="dl"
          cols={2}
          spacing="md"
          verticalSpacing="xs"
          m={0}
          style={{ gridTemplateColumns: 'max-content 1fr' }}
        >
          <Fact label={t('home.agency')}>
            <span data-testid="home-agency">{user.agencyName}</span>
          </Fact>
          <Fact label={t('home.country')}>
            <span data-testid="home-country">{countryLabel(user.countryCode)}</span>
          </Fact>
          <Fact label={t('home.roles')}>
            <Group gap="xs" component="span">
              {roleNames.map((name) => (
                <Badge key={name} variant="light" component="span">
                  {name}
                </Badge>
              ))}
            </Group>
          </Fact>
          <Fact label={t('home.lastLogin')}>
            <DateText
              value={user.lastLoginAt}
              withTime
              empty={t('home.neverLoggedIn')}
              data-testid="last-login"
            />
          </Fact>
        </SimpleGrid>
      </Card>
      {modules.length > 0 ? (
        <>
          <Title order={2} size="h4">
            {t('home.yourModules')}
          </Title>
          <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }}>
            {modules.map((m) => (
              <Card key={m.key} withBorder component={Link} to={m.path}>
                <Text fw={600}>{t(`module.${m.key}.name`)}</Text>
                <Text size="sm" c="dimmed">
                  {t(`module.${m.key}.description`)}
                </Text>
              </Card>
            ))}
          </SimpleGrid>
        </>
      ) : null}
    </Stack>
  );
}
