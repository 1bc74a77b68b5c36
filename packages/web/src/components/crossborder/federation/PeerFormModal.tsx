import { Button, Group, Modal, MultiSelect, Stack, Textarea, TextInput } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type ReactElement, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../../api/client';
import { useCountries, useCountryLabel } from '../../../api/queries';
import { ErrorAlert } from '../../ErrorAlert/ErrorAlert';
import { federationApi, type Peer, type PeerInput, peerInputFromIdentity } from './federation.api';

const FIELDS = ['identity', 'nodeId', 'name', 'url', 'countries', 'signingKey', 'encryptionKey'];

export type PeerFormModalProps = {
  opened: boolean;
  /** null: register a new peer; a peer: change it (URL, name, countries, keys). */
  peer: Peer | null;
  onClose: () => void;
};

const empty: PeerInput = {
  nodeId: '',
  name: '',
  url: '',
  countries: [],
  signingKey: undefined,
  encryptionKey: undefined,
};

/**
 * Register a peer from its pasted public identity JSON (the fields fill in and may be corrected), or
 * change a peer: URL, name, countries, and new keys from a pasted identity (key rotation). The
 * server's refusal is shown at the field it names.
 */
export function PeerFormModal({ opened, peer, onClose }: PeerFormModalProps): ReactElement {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const countries = useCountries();
  const countryLabel = useCountryLabel();
  const [identity, setIdentity] = useState('');
  const [values, setValues] = useState<PeerInput>(empty);
  const [errors, setErrors] = useState<Record<string, string>>({});

  useEffect(() => {
    if (opened) {
      setIdentity('');
      setErrors({});
      setValues(
        peer
          ? {
              nodeId: peer.nodeId,
              name: peer.name,
              url: peer.url,
              countries: peer.countries,
              signingKey: undefined,
              encryptionKey: undefined,
            }
          : empty,
      );
    }
  }, [opened, peer]);

  const save = useMutation({
    mutationFn: () => {
      if (peer) {
        return federationApi.updatePeer(peer.nodeId, {
          name: values.name,
          url: values.url,
          countries: values.countries,
          ...(values.signingKey !== undefined ? { signingKey: values.signingKey } : {}),
          ...(values.encryptionKey !== undefined ? { encryptionKey: values.encryptionKey } : {}),
        });
      }
      return federationApi.addPeer(values);
    },
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: ['federation'] });
      onClose();
    },
    onError: (err) => {
      if (isApiError(err) && err.field) {
        const top = err.field.split('.')[0] as string;
        if (FIELDS.includes(top)) {
          setErrors({
            [top]:
              err.code === 'CONFLICT'
                ? t('federation.form.taken')
                : t(`federation.form.invalid.${top}`),
          });
        }
      }
    },
  });

  function readIdentity(text: string): void {
    setIdentity(text);
    if (!text.trim()) {
      setErrors({});
      return;
    }
    const parsed = peerInputFromIdentity(text);
    if (!parsed) {
      setErrors({ identity: t('federation.form.invalid.identity') });
      return;
    }
    setErrors({});
    setValues((v) =>
      peer ? { ...v, signingKey: parsed.signingKey, encryptionKey: parsed.encryptionKey } : parsed,
    );
  }

  const fieldError = isApiError(save.error) && save.error.field ? null : save.error;
  return (
    <Modal
      opened={opened}
      onClose={onClose}
      title={
        peer ? t('federation.form.editTitle', { node: peer.nodeId }) : t('federation.form.addTitle')
      }
      size="lg"
      closeButtonProps={{ 'aria-label': t('common.close') }}
    >
      <form
        onSubmit={(e) => {
          e.preventDefault();
          save.mutate();
        }}
      >
        <Stack>
          <Textarea
            label={peer ? t('federation.form.rotate') : t('federation.form.identity')}
            description={t('federation.form.identityHint')}
            autosize
            minRows={4}
            value={identity}
            onChange={(e) => readIdentity(e.currentTarget.value)}
            error={errors.identity ?? errors.signingKey ?? errors.encryptionKey}
            data-testid="peer-identity"
          />
          <TextInput
            label={t('federation.form.nodeId')}
            value={values.nodeId}
            disabled={peer !== null}
            onChange={(e) => setValues({ ...values, nodeId: e.currentTarget.value })}
            error={errors.nodeId}
            required
            data-testid="peer-node-id"
          />
          <TextInput
            label={t('federation.form.name')}
            value={values.name}
            onChange={(e) => setValues({ ...values, name: e.currentTarget.value })}
            error={errors.name}
            required
          />
          <TextInput
            label={t('federation.form.url')}
            value={values.url}
            onChange={(e) => setValues({ ...values, url: e.currentTarget.value })}
            error={errors.url}
            required
            data-testid="peer-url"
          />
          <MultiSelect
            label={t('federation.form.countries')}
            data={(countries.data ?? []).map((c) => ({
              value: c.code,
              label: countryLabel(c.code),
            }))}
            value={values.countries}
            onChange={(countries) => setValues({ ...values, countries })}
            error={errors.countries}
            searchable
            data-testid="peer-countries"
          />
          <ErrorAlert error={fieldError} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={save.isPending} data-testid="peer-save">
              {peer ? t('common.save') : t('federation.form.add')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
