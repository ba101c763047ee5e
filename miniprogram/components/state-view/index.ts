/**
 * What a page shows instead of its content: loading, empty, or an error with a way out. Every page
 * uses it so that no page is ever blank.
 *
 * `<state-view kind="error" title="{{message}}" action-text="重试" bind:action="onRetry" />`
 */
Component({
  options: { addGlobalClass: true },
  properties: {
    kind: { type: String, value: 'loading' },
    title: { type: String, value: '' },
    hint: { type: String, value: '' },
    actionText: { type: String, value: '' },
  },
  methods: {
    onAction() {
      this.triggerEvent('action');
    },
  },
});
