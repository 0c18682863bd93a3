// The venue form (staff): new or edit. Starts from the venue as loaded; checks with the shared schema before sending.
import { Button, Picker, Switch, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import {
  VENUE_KINDS,
  VENUE_KIND_LABELS,
  createVenueSchema,
  updateVenueSchema,
  type Venue,
  type VenueKind,
} from '@shared/api/venues';
import { useState } from 'react';
import { venuesApi } from '../../../api/venues';
import { FormField } from '../../../components';
import { buttonProps } from '../../../lib/buttonProps';
import { useFormSubmission } from '../../../lib/useFormSubmission';

const BLOCK = 'rc-venues-form';

function draftOf(venue: Venue | null) {
  return {
    name: venue?.name ?? '',
    kind: venue?.kind ?? ('centre_room' as VenueKind),
    address: venue?.address ?? '',
    capacity: venue ? String(venue.capacity) : '',
    facilities: venue?.facilities.join('、') ?? '',
    opensAt: venue?.opensAt ?? '',
    closesAt: venue?.closesAt ?? '',
    lat: venue?.location ? String(venue.location.lat) : '',
    lng: venue?.location ? String(venue.location.lng) : '',
    bookable: venue?.bookable ?? true,
  };
}

export function VenueForm({ venue, onSaved }: { venue: Venue | null; onSaved: (v: Venue) => void }) {
  const [draft, setDraft] = useState(() => draftOf(venue));
  const set = (changes: Partial<typeof draft>) => setDraft({ ...draft, ...changes });
  const submission = useFormSubmission({
    onFailure: (e) => void Taro.showToast({ title: e.message, icon: 'none' }),
  });
  const save = () => {
    const located = draft.lat.trim() !== '' && draft.lng.trim() !== '';
    const body = {
      name: draft.name,
      kind: draft.kind,
      address: draft.address,
      capacity: draft.capacity === '' ? NaN : Number(draft.capacity),
      facilities: draft.facilities.split(/[、,，\s]+/).filter(Boolean),
      opensAt: draft.opensAt || (venue ? null : undefined),
      closesAt: draft.closesAt || (venue ? null : undefined),
      bookable: draft.bookable,
      ...(located
        ? { location: { lat: Number(draft.lat), lng: Number(draft.lng) } }
        : venue
          ? { location: null }
          : {}),
    };
    const schema = venue ? updateVenueSchema : createVenueSchema;
    return submission.submit(schema, body, async (data) => {
      const reply = venue ? await venuesApi.update(venue.id, data) : await venuesApi.create(data as never);
      void Taro.showToast({ title: '已保存', icon: 'none' });
      onSaved(reply.venue);
    });
  };
  const e = submission.errors;
  return (
    <View className={`rc-card ${BLOCK}`}>
      <FormField
        block={BLOCK}
        label="名称"
        value={draft.name}
        error={e.name}
        onInput={(v) => set({ name: v })}
      />
      <FormField block={BLOCK} label="类型" error={e.kind}>
        <Picker
          mode="selector"
          range={VENUE_KINDS.map((k) => VENUE_KIND_LABELS[k])}
          value={VENUE_KINDS.indexOf(draft.kind)}
          onChange={(ev) => {
            const kind = VENUE_KINDS[Number(ev.detail.value)];
            set({ kind, bookable: kind !== 'outdoor_site' });
          }}
        >
          <View className={`${BLOCK}__input`}>{VENUE_KIND_LABELS[draft.kind]}</View>
        </Picker>
      </FormField>
      <FormField
        block={BLOCK}
        label="地址"
        value={draft.address}
        error={e.address}
        onInput={(v) => set({ address: v })}
      />
      <FormField
        block={BLOCK}
        label="容纳人数"
        type="number"
        value={draft.capacity}
        error={e.capacity}
        onInput={(v) => set({ capacity: v })}
      />
      <FormField
        block={BLOCK}
        label="设施（用顿号分隔）"
        value={draft.facilities}
        error={e.facilities}
        onInput={(v) => set({ facilities: v })}
      />
      <FormField
        block={BLOCK}
        label="开放时间（HH:MM，不填为全天）"
        value={draft.opensAt}
        placeholder="08:30"
        error={e.opensAt}
        onInput={(v) => set({ opensAt: v })}
      />
      <FormField
        block={BLOCK}
        label="关闭时间"
        value={draft.closesAt}
        placeholder="21:00"
        error={e.closesAt}
        onInput={(v) => set({ closesAt: v })}
      />
      <FormField
        block={BLOCK}
        label="纬度（选填）"
        value={draft.lat}
        error={e['location.lat'] ?? e.location}
        onInput={(v) => set({ lat: v })}
      />
      <FormField
        block={BLOCK}
        label="经度（选填）"
        value={draft.lng}
        error={e['location.lng']}
        onInput={(v) => set({ lng: v })}
      />
      <FormField block={BLOCK} label="接受预约" error={e.bookable}>
        <Switch checked={draft.bookable} onChange={(ev) => set({ bookable: ev.detail.value })} />
      </FormField>
      <Button
        className={`${BLOCK}__submit`}
        {...buttonProps({ loading: submission.busy, disabled: submission.busy, onClick: () => void save() })}
      >
        保存
      </Button>
    </View>
  );
}
