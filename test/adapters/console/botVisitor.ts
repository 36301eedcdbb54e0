/** A visitor talking to the real bot over the built-in Direct Line endpoint: types, clicks card buttons by title. */
import { DirectLineTestClient } from '../helpers/directLineClient.js';

interface SubmitButton {
  readonly title: string;
  readonly data: unknown;
}

/** Every Action.Submit button in an activity's cards, in order. */
function buttonsIn(value: unknown, found: SubmitButton[] = []): SubmitButton[] {
  if (Array.isArray(value)) for (const item of value) buttonsIn(item, found);
  else if (typeof value === 'object' && value !== null) {
    const record = value as Record<string, unknown>;
    if (record.type === 'Action.Submit' && typeof record.title === 'string') found.push({ title: record.title, data: record.data });
    for (const child of Object.values(record)) buttonsIn(child, found);
  }
  return found;
}

export class BotVisitor {
  private watermark: string | undefined;
  private buttons: SubmitButton[] = [];

  private constructor(private readonly client: DirectLineTestClient) {}

  static async start(baseUrl: string): Promise<BotVisitor> {
    const visitor = new BotVisitor(await DirectLineTestClient.connect(baseUrl));
    await visitor.read();
    return visitor;
  }

  /** Types a message; returns the texts the bot answered with. */
  async say(text: string): Promise<string> {
    const sent = await this.client.send(text);
    if (sent.status !== 200) throw new Error(`send answered ${sent.status}`);
    return this.read();
  }

  /** Clicks the most recent button titled `title` (a substring is enough). */
  async click(title: string): Promise<string> {
    const button = [...this.buttons].reverse().find((b) => b.title.includes(title));
    if (!button) throw new Error(`no button "${title}" among: ${this.buttons.map((b) => b.title).join(' | ')}`);
    const sent = await this.client.call('POST', `/conversations/${this.client.conversationId}/activities`, {
      type: 'message', value: button.data, from: { id: this.client.userId },
    });
    if (sent.status !== 200) throw new Error(`click answered ${sent.status}`);
    return this.read();
  }

  /** The bot's replies since the last read, as one text (cards as JSON), remembering their buttons. */
  private async read(): Promise<string> {
    const page = await this.client.poll(this.watermark);
    this.watermark = page.watermark;
    const replies = page.activities.filter((a) => a.from?.role === 'bot' || a.from?.id !== this.client.userId);
    for (const activity of replies) this.buttons.push(...buttonsIn(activity));
    return JSON.stringify(replies);
  }
}
