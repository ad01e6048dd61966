// Awareness topics from content/topics/*.yaml. Messages are short (a cheap phone screen),
// each fact carries its docs/reference/project8.md source, and ethnic-language text is shown only when
// the Union approved it (§5); otherwise the bot falls back to Vietnamese per message.
import { readdirSync } from "node:fs";
import { basename, join } from "node:path";
import { z } from "zod";
import { fold } from "./fold.js";
import { CONTENT_DIR, ContentError, type ContentIssue, SourceSchema, charCount, displayPath, nonEmpty, readYaml, translationsSchema, zodIssues, type Source } from "./schema.js";

/** ~600 characters fits one screen of a cheap phone without scrolling through a wall of text. */
export const MAX_MESSAGE_CHARS = 600;
export const MAX_MESSAGES = 3;

const short = (what: string) => nonEmpty(what).refine((s) => charCount(s) <= MAX_MESSAGE_CHARS, `longer than ${MAX_MESSAGE_CHARS} characters`);

const MessageSchema = z.strictObject({
  // en may be missing while a writer works on it: coverage reports it and the bot shows vi.
  text: z.strictObject({ vi: short("Vietnamese text (vi)"), en: short("English text (en)").optional() }),
  source: z.array(SourceSchema).min(1, "every message needs a source (project8.md § + seed/URL)"),
});

const TopicSchema = z
  .strictObject({
    id: z.string().regex(/^[a-z0-9-]+$/, "lower-case letters, digits and '-'"),
    order: z.number().int().default(100),
    title: z.strictObject({ vi: nonEmpty("Vietnamese title (vi)"), en: nonEmpty("English title (en)").optional() }),
    keywords: z.strictObject({ vi: z.array(nonEmpty("keyword")).min(1, "at least one Vietnamese keyword"), en: z.array(nonEmpty("keyword")).default([]) }),
    messages: z.array(MessageSchema).min(1, "at least one message").max(MAX_MESSAGES, `at most ${MAX_MESSAGES} messages`),
    translations: translationsSchema({
      title: nonEmpty("title"),
      // One slot per message; null = not translated yet, the bot shows the Vietnamese message.
      messages: z.array(short("message").nullable()).default([]),
    }),
  })
  .superRefine((t, ctx) => {
    for (const [lang, tr] of Object.entries(t.translations)) {
      if (tr.messages.length > t.messages.length) ctx.addIssue({ code: "custom", path: ["translations", lang, "messages"], message: `has ${tr.messages.length} messages; the topic has ${t.messages.length}` });
    }
  });

export type Topic = z.infer<typeof TopicSchema>;

/** Loads and validates every content/topics/*.yaml (dir = content root). Throws ContentError. */
export function loadTopics(dir: string = CONTENT_DIR): Topic[] {
  const topicsDir = join(dir, "topics");
  let files: string[];
  try {
    files = readdirSync(topicsDir).filter((f) => f.endsWith(".yaml") || f.endsWith(".yml")).sort();
  } catch (e) {
    throw new ContentError([{ file: displayPath(topicsDir), id: "(dir)", field: "-", problem: `cannot read: ${(e as Error).message}` }]);
  }
  const issues: ContentIssue[] = [];
  const topics: Topic[] = [];
  for (const f of files) {
    const path = join(topicsDir, f);
    const file = displayPath(path);
    const stem = basename(f).replace(/\.ya?ml$/, "");
    const parsed = TopicSchema.safeParse(readYaml(path));
    if (!parsed.success) {
      issues.push(...zodIssues(file, `topic ${stem}`, parsed.error));
      continue;
    }
    // The file name is the id other code and reports use; a mismatch is a copy-paste slip.
    if (parsed.data.id !== stem) issues.push({ file, id: `topic ${parsed.data.id}`, field: "id", problem: `must equal the file name "${stem}"` });
    topics.push(parsed.data);
  }
  if (issues.length > 0) throw new ContentError(issues);
  return topics.sort((a, b) => a.order - b.order || a.id.localeCompare(b.id));
}

let cached: Topic[] | null = null;
export function defaultTopics(): Topic[] {
  return (cached ??= loadTopics(CONTENT_DIR));
}

export type TopicText = {
  title: string;
  titleLang: string;
  messages: { text: string; lang: string; source: Source[] }[];
};

/**
 * The topic in `lang`, message by message: vi, en, or a Union-approved translation; any
 * message missing in that language is the Vietnamese message, whole. Never partial, never guessed.
 */
export function topicText(topic: Topic, lang: string): TopicText {
  const tr = lang === "vi" || lang === "en" ? undefined : topic.translations[lang];
  const own = (vi: string, en: string | undefined, approved: string | null | undefined): { text: string; lang: string } => {
    if (lang === "en" && en) return { text: en, lang: "en" };
    if (tr && approved) return { text: approved, lang };
    return { text: vi, lang: "vi" };
  };
  const title = own(topic.title.vi, topic.title.en, tr?.title);
  return {
    title: title.text,
    titleLang: title.lang,
    messages: topic.messages.map((m, i) => ({ ...own(m.text.vi, m.text.en, tr?.messages[i]), source: m.source })),
  };
}

/**
 * The topic a typed request is about, or null. Keywords and text are folded (no tones,
 * no case) and matched on word boundaries; the topic whose matched keywords are longest wins.
 */
export function matchTopic(text: string, topics: Topic[] = defaultTopics()): Topic | null {
  const hay = ` ${fold(text)} `;
  if (hay.trim() === "") return null;
  let best: { topic: Topic; score: number } | null = null;
  for (const topic of topics) {
    let score = 0;
    for (const kw of [...topic.keywords.vi, ...topic.keywords.en, topic.id]) {
      const k = fold(kw);
      if (k && hay.includes(` ${k} `)) score += k.length;
    }
    if (score > 0 && (!best || score > best.score)) best = { topic, score };
  }
  return best?.topic ?? null;
}
