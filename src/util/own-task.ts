/** Runs jobs one per task of the page (a MessageChannel turn each): six charts of a dashboard
 *  drawn on one filter change were one long task (80 ms and more at a million rows) in which
 *  the page could not answer a click; one task each keeps every pause short. */
const queue: (() => void)[] = [];
let channel: MessageChannel | null = null;

export function inOwnTask(job: () => void): void {
  queue.push(job);
  if (queue.length > 1) return;
  if (!channel) {
    channel = new MessageChannel();
    channel.port1.onmessage = () => {
      const next = queue.shift();
      try {
        next?.();
      } finally {
        if (queue.length > 0) channel!.port2.postMessage(null);
      }
    };
  }
  channel.port2.postMessage(null);
}
