import { z } from 'zod';
import { appStatusItems, renderAppStatusMessage } from '../src/render/app-status.js';
import { AnswerState, openKube, postAnswer } from './cluster-access.js';
import { defineJob } from './definition.js';
import { Origin } from './origin.js';

export const AppStatusData = Origin.extend({ cluster: z.string().min(1), app: z.string().min(1) }).extend(AnswerState.shape);

/** `/kube status NAME APP`: the Kolla-Kubernetes resource status of one application. */
export const appStatus = defineJob({
  name: 'app-status',
  data: AppStatusData,
  async process(data, ctx) {
    const { api } = await openKube(ctx, data, data.cluster);
    const { state } = await api.readState();
    const items = appStatusItems(state, data.app);
    const { threadTs } = await postAnswer(
      data,
      ctx,
      renderAppStatusMessage({ cluster: data.cluster, app: data.app, items, requester: data.user }),
    );
    return { threadTs, items: items.map((i) => `${i.kind}:${i.mark}`) };
  },
});
