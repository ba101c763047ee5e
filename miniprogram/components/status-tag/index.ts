import { toneOf } from './tone';

/** A case's status as a coloured tag: `<status-tag status="{{c.status}}" label="{{c.statusLabel}}" />`. */
Component({
  options: { addGlobalClass: true },
  properties: {
    status: { type: String, value: '' },
    label: { type: String, value: '' },
  },
  data: { tone: 'muted' },
  observers: {
    status(status: string) {
      this.setData({ tone: toneOf(status) });
    },
  },
});
