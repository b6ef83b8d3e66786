import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { Form, usePageAction } from "~/components/form";
import { Link } from "~/components/link";
import { Breadcrumb } from "~/components/breadcrumb";
import { Composer } from "~/components/composer";
import { CsrfInput, FormResult } from "~/components/forms";
import { PostReactions, ReactionForm } from "~/components/post-reactions";
import { TopicTags } from "~/components/topic-tags";
import { RelativeTime } from "~/components/relative-time";
import { CachedFragment } from "~/components/cached-fragment";
import { formatRelative } from "~/domain/shared/dates";
import { InteropReportSummary } from "~/components/interop-report";
import { LinkedTestsPanel } from "~/components/linked-tests";
import { linkedTestsOfTopic } from "~/domain/conformance/triage.server";
import { TimelineEvent } from "~/components/timeline-event";
import { cookPost } from "~/domain/forum/cook.server";
import { deletePost, restorePost, setTopicTags } from "~/domain/forum/posting.server";
import { HELD_MESSAGE, submitReply } from "~/domain/forum/review-queue.server";
import { parseTagNames } from "~/domain/forum/tags.server";
import { toggleReaction, type PostReactions as PostReactionsView } from "~/domain/forum/reactions.server";
import { flagPost, setPostHidden } from "~/domain/forum/flags.server";
import { FLAG_REASONS } from "~/domain/forum/flags";
import { parseLevel, recordTopicVisit, setTopicLevel, watchLevelOf } from "~/domain/forum/read-state.server";
import { WatchLevelForm } from "~/components/watch-level-form";
import { readerOfUser } from "~/domain/forum/permissions";
import { moderateTopic, parseTopicModeration } from "~/domain/forum/moderation.server";
import { listCategories } from "~/domain/forum/topics.server";
import { getTopicWithFacts, quotePost, type TopicPost } from "~/domain/forum/topics.server";
import { requireSignedIn } from "~/domain/identity/viewer";
import { DuplicateNotice, TopicLinksPanel } from "~/components/tracker/topic-links";
import { closeAsDuplicate } from "~/domain/tracker/duplicates.server";
import { addRelation, parseRelationKind, parseTopicNumber, removeRelation } from "~/domain/tracker/relations.server";
import { getReader, requireCsrf, requireSessionUser } from "~/infra/auth.server";
import { getDb } from "~/infra/db.server";
import { asJsonText, JsonTextBlock, serverTextOf, useJsonText } from "~/infra/json-text";
import { authorize, formAction, orHttpError, requireIdParam } from "~/infra/responses.server";
import { AnswerControls, AssigneesBlock, SolutionBox, VoteBlock } from "~/components/tracker/topic-tracker";
import type { ReactNode } from "react";
import { acceptAnswer, unacceptAnswer } from "~/domain/tracker/answers.server";
import { assignTopic, unassignTopic } from "~/domain/tracker/assignments.server";
import { parseAssignmentTarget } from "~/domain/tracker/assignments";
import { loadTopicPageTracker } from "~/domain/tracker/topic-page.server";
import type { TopicTracker } from "~/domain/tracker/topic-tracker.server";
import { voteOnTopic, withdrawVote } from "~/domain/tracker/votes.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${data.topic.title} — CICCLO Interop` : "Sujet introuvable — CICCLO Interop" },
  ...(data
    ? [
        {
          tagName: "link",
          rel: "alternate",
          type: "application/rss+xml",
          href: `/t/${data.topic.slug}/${data.topic.id}.rss`,
          title: "Messages de ce sujet (RSS)",
        },
      ]
    : []),
];

/**
 * A post as the page sends it: what the page shows of it. Its Markdown comes with the edit page (/posts/:id/edit)
 * or /posts/:id.json; timeline events, printed as text, keep theirs. What is usually false, null or empty is left
 * out rather than sent for each post (the rows of topic lists do the same, app/components/topic-list.tsx).
 */
interface PagePost {
  id: number;
  postNumber: number;
  postType: number;
  action?: string;
  raw?: string;
  cooked: string;
  version: number;
  author: { username: string; displayName: string; organisation?: string };
  replyToPostNumber?: number;
  createdAt: string;
  deleted?: true;
  hidden?: true;
  reactions?: PostReactionsView;
  canEdit?: true;
  canDelete?: true;
  canRestore?: true;
  canReact?: true;
  canModerate?: true;
  canFlag?: true;
}

const NO_REACTIONS: PostReactionsView = { counts: {}, mine: null };

function pagePost(post: TopicPost): PagePost {
  const { author } = post;
  const shown: PagePost = {
    id: post.id,
    postNumber: post.postNumber,
    postType: post.postType,
    cooked: post.cooked,
    version: post.version,
    author: { username: author.username, displayName: author.displayName },
    createdAt: post.createdAt,
  };
  if (post.postType === 3) shown.raw = post.raw;
  if (post.action !== null) shown.action = post.action;
  if (author.organisation) shown.author.organisation = author.organisation;
  if (post.replyToPostNumber !== null) shown.replyToPostNumber = post.replyToPostNumber;
  if (post.reactions.mine !== null || Object.keys(post.reactions.counts).length > 0) shown.reactions = post.reactions;
  for (const flag of [
    "deleted",
    "hidden",
    "canEdit",
    "canDelete",
    "canRestore",
    "canReact",
    "canModerate",
    "canFlag",
  ] as const) {
    if (post[flag]) shown[flag] = true;
  }
  return shown;
}

export async function loader({ params, request, context }: LoaderFunctionArgs) {
  const id = requireIdParam(params.id);
  const from = params.postNumber ? requireIdParam(params.postNumber) : 1;
  const reader = await getReader(request, context);
  const db = await getDb();
  const { view: topic, facts } = await orHttpError(() =>
    getTopicWithFacts(db, reader, id, from, { readCache: context.readCache }),
  );
  // Titles change; the id does not. Old or mistyped slugs lead to the canonical URL, as on Discourse.
  if (params.slug !== topic.slug) {
    throw redirect(`/t/${topic.slug}/${topic.id}${params.postNumber ? `/${from}` : ""}`, 301);
  }
  const lastShown = topic.posts.at(-1)?.postNumber;
  const level =
    reader.userId && lastShown
      ? await recordTopicVisit(db, reader.userId, topic.id, lastShown)
      : await watchLevelOf(db, reader.userId, { topicId: topic.id });
  const url = new URL(request.url);
  const quote = Number(url.searchParams.get("quote"));
  const replyTo = Number(url.searchParams.get("replyTo"));
  const flag = Number(url.searchParams.get("flag"));
  const staff = reader.role === "moderator" || reader.role === "admin";
  // The tracker's panels (app/domain/tracker): report box and actions, assignees, accepted answer, votes, and links
  // (backlinks, external references, relations, duplicate notice).
  const { tracker, report, reportActions, references } = await loadTopicPageTracker(db, reader, facts, {
    readCache: context.readCache,
  });
  // Failing conformance tests triaged to this topic from run pages (app/domain/conformance/triage.server.ts).
  const linkedTests = await linkedTestsOfTopic(db, topic.id, context.readCache);
  return {
    topic: {
      ...topic,
      // As one JSON text: a page of posts is most of the loader data (app/infra/json-text.ts).
      posts: asJsonText(topic.posts.map(pagePost), context, "topic-posts-data"),
    },
    tracker,
    level,
    report,
    reportActions,
    // Moderators get the list of categories a topic can move to.
    moveTargets: staff ? (await listCategories(db, reader)).map(({ id, name }) => ({ id, name })) : null,
    signedIn: reader.role !== "anonymous",
    replyTo: Number.isSafeInteger(replyTo) && replyTo > 0 ? replyTo : null,
    flagging: Number.isSafeInteger(flag) && flag > 0 ? flag : null,
    quote: Number.isSafeInteger(quote) && quote > 0 ? await quotePost(db, reader, topic.id, quote) : null,
    references,
    linkedTests,
  };
}

export async function action({ params, request, context }: ActionFunctionArgs) {
  const id = requireIdParam(params.id);
  const viewer = await requireSessionUser(request, context);
  const user = authorize(() => requireSignedIn(viewer));
  const form = await request.formData();
  requireCsrf(viewer, form);
  const db = await getDb();
  const raw = String(form.get("raw") ?? "");
  const replyTo = Number(form.get("replyToPostNumber")) || null;
  switch (form.get("intent")) {
    case "preview":
      return {
        ok: true as const,
        preview: await cookPost(db, raw, { reader: readerOfUser(user) }),
        raw,
        message: undefined,
      };
    // ── Tracker links: blocking relations and duplicates (app/domain/tracker) ──
    case "relation-add":
    case "relation-remove":
      return formAction(async () => {
        const input = { kind: parseRelationKind(form.get("kind")), otherId: parseTopicNumber(form.get("target")) };
        if (form.get("intent") === "relation-add") await addRelation(db, user, id, input);
        else await removeRelation(db, user, id, input);
        return { message: "Les relations du sujet ont été mises à jour.", preview: null, raw: "" };
      });
    case "close-duplicate":
      return formAction(async () => {
        const revision = form.get("revision");
        await closeAsDuplicate(db, user, {
          topicId: id,
          targetId: parseTopicNumber(form.get("target")),
          revision: revision === null ? null : Number(revision),
        });
        return { message: "Le sujet a été fermé comme doublon.", preview: null, raw: "" };
      });
    // ── end of tracker links ──
    case "moderate":
      return formAction(async () => {
        await moderateTopic(db, user, id, parseTopicModeration(form.get("action"), form.get("categoryId")));
        return { message: "Le sujet a été mis à jour.", preview: null, raw: "" };
      });
    case "flag":
      return formAction(async () => {
        const { alreadyFlagged } = await flagPost(db, user, Number(form.get("postId")), {
          reason: form.get("reason"),
          note: String(form.get("note") ?? ""),
        });
        return {
          message: alreadyFlagged
            ? "Vous aviez déjà signalé ce message."
            : "Merci : les modérateurs vont examiner ce message.",
          preview: null,
          raw: "",
        };
      });
    case "hide":
    case "unhide":
      return formAction(async () => {
        await setPostHidden(db, user, Number(form.get("postId")), form.get("intent") === "hide");
        return { message: "Le message a été mis à jour.", preview: null, raw: "" };
      });
    case "watch":
      return formAction(async () => {
        await setTopicLevel(db, readerOfUser(user), id, parseLevel(form.get("level")));
        return { message: "Votre niveau de suivi a été enregistré.", preview: null, raw: "" };
      });
    case "tags":
      return formAction(async () => {
        await setTopicTags(db, user, id, parseTagNames(form.get("tags")));
        return { message: "Les étiquettes ont été enregistrées.", preview: null, raw: "" };
      });
    case "react":
      return formAction(async () => {
        await toggleReaction(db, user, form.get("reaction"));
        return { message: undefined, preview: null, raw: "" };
      });
    // ── Tracker: assignment, accepted answer, votes (app/domain/tracker) ──
    case "assign":
      return formAction(async () => {
        const target = parseAssignmentTarget(form.get("username"), form.get("group"));
        await assignTopic(db, user, id, target);
        return {
          message:
            target.kind === "user" ? `Le sujet est assigné à @${target.username}.` : "Le sujet est assigné à l'équipe.",
          preview: null,
          raw: "",
        };
      });
    case "unassign":
      return formAction(async () => {
        await unassignTopic(db, user, id, Number(form.get("assignmentId")));
        return { message: "L'assignation a été retirée.", preview: null, raw: "" };
      });
    case "accept-answer":
      return formAction(async () => {
        await acceptAnswer(db, user, id, Number(form.get("postId")));
        return { message: "La réponse est marquée comme solution.", preview: null, raw: "" };
      });
    case "unaccept-answer":
      return formAction(async () => {
        await unacceptAnswer(db, user, id);
        return { message: "La solution a été retirée.", preview: null, raw: "" };
      });
    case "vote":
      return formAction(async () => {
        await voteOnTopic(db, user, id);
        return { message: "Votre vote est enregistré.", preview: null, raw: "" };
      });
    case "unvote":
      return formAction(async () => {
        await withdrawVote(db, user, id);
        return { message: "Votre vote est retiré.", preview: null, raw: "" };
      });
    // ── End of tracker ──
    case "delete":
    case "restore": {
      const postId = Number(form.get("postId"));
      return formAction(async () => {
        if (form.get("intent") === "delete") {
          const { topicDeleted } = await deletePost(db, user, postId);
          if (topicDeleted) throw redirect("/latest");
          return { message: "Le message a été supprimé.", preview: null, raw: "" };
        }
        await restorePost(db, user, postId);
        return { message: "Le message a été restauré.", preview: null, raw: "" };
      });
    }
    default: {
      const result = await formAction(async () =>
        submitReply(db, user, { topicId: id, raw, replyToPostNumber: replyTo }),
      );
      if (!("queued" in result)) return data({ ...result.data, preview: null, raw }, result.init ?? undefined);
      if (result.queued) {
        return { ok: true as const, message: HELD_MESSAGE, preview: null, raw: "", held: result.queuedPostId };
      }
      throw redirect(`/t/${result.slug}/${result.topicId}/${result.postNumber}#post-${result.postNumber}`);
    }
  }
}

function PostActions({ post, signedIn, action }: { post: PostFacts; signedIn: boolean; action: string }) {
  return (
    <ul className="fr-btns-group fr-btns-group--inline-sm fr-btns-group--sm fr-btns-group--icon-left fr-mt-2w">
      {signedIn && !post.deleted ? (
        <>
          <li>
            <Link
              className="fr-btn fr-btn--tertiary-no-outline fr-icon-reply-line fr-btn--icon-left"
              to={`?replyTo=${post.postNumber}#composer`}
              preventScrollReset
              aria-label={`Répondre au message ${post.postNumber}`}
            >
              Répondre
            </Link>
          </li>
          <li>
            <Link
              className="fr-btn fr-btn--tertiary-no-outline fr-icon-chat-quote-line fr-btn--icon-left"
              to={`?quote=${post.postNumber}&replyTo=${post.postNumber}#composer`}
              preventScrollReset
              aria-label={`Citer le message ${post.postNumber}`}
            >
              Citer
            </Link>
          </li>
        </>
      ) : null}
      {post.canEdit ? (
        <li>
          <Link
            className="fr-btn fr-btn--tertiary-no-outline fr-icon-edit-line fr-btn--icon-left"
            to={`/posts/${post.id}/edit`}
            aria-label={`Modifier le message ${post.postNumber}`}
          >
            Modifier
          </Link>
        </li>
      ) : null}
      {post.version > 1 ? (
        <li>
          <Link
            className="fr-btn fr-btn--tertiary-no-outline fr-icon-time-line fr-btn--icon-left"
            to={`/posts/${post.id}/revisions`}
            aria-label={`Historique du message ${post.postNumber}`}
          >
            Historique ({post.version - 1})
          </Link>
        </li>
      ) : null}
      {post.canDelete || post.canRestore ? (
        <li>
          <Form method="post" action={action} preventScrollReset>
            <CsrfInput />
            <input type="hidden" name="postId" value={post.id} />
            <button
              className={`fr-btn fr-btn--tertiary-no-outline fr-btn--icon-left ${post.canDelete ? "fr-icon-delete-line" : "fr-icon-arrow-go-back-line"}`}
              type="submit"
              name="intent"
              value={post.canDelete ? "delete" : "restore"}
              aria-label={`${post.canDelete ? "Supprimer" : "Restaurer"} le message ${post.postNumber}`}
            >
              {post.canDelete ? "Supprimer" : "Restaurer"}
            </button>
          </Form>
        </li>
      ) : null}
    </ul>
  );
}

/** Reporting a post (members) and hiding it (moderators). The report form is rendered for the one post being
 * reported (`?flag=<postNumber>`), not for every post: a signed-in page stays light. */
function PostModeration({ post, flagging, action }: { post: PostFacts; flagging: boolean; action: string }) {
  return (
    <div className="fr-mt-1w">
      {post.canFlag && !flagging ? (
        <Link
          className="fr-link fr-text--sm"
          // Same page, same posts: only the form for this post appears.
          to={`?flag=${post.postNumber}#post-${post.postNumber}`}
          preventScrollReset
        >
          Signaler ce message
        </Link>
      ) : null}
      {post.canFlag && flagging ? (
        <details open>
          <summary className="fr-text--sm">Signaler ce message</summary>
          <Form method="post" action={action} preventScrollReset className="fr-mt-1w">
            <CsrfInput />
            <input type="hidden" name="intent" value="flag" />
            <input type="hidden" name="postId" value={post.id} />
            <fieldset className="fr-fieldset">
              <legend className="fr-fieldset__legend fr-text--sm">Raison du signalement</legend>
              {Object.entries(FLAG_REASONS).map(([value, label]) => (
                <div className="fr-fieldset__element" key={value}>
                  <div className="fr-radio-group fr-radio-group--sm">
                    <input type="radio" id={`flag-${post.id}-${value}`} name="reason" value={value} required />
                    <label className="fr-label" htmlFor={`flag-${post.id}-${value}`}>
                      {label}
                    </label>
                  </div>
                </div>
              ))}
            </fieldset>
            <div className="fr-input-group">
              <label className="fr-label" htmlFor={`flag-${post.id}-note`}>
                Précisions pour les modérateurs (facultatives)
              </label>
              <input className="fr-input" id={`flag-${post.id}-note`} name="note" maxLength={1000} />
            </div>
            <button className="fr-btn fr-btn--sm fr-btn--secondary" type="submit">
              Envoyer le signalement
            </button>
          </Form>
        </details>
      ) : null}
      {post.canModerate ? (
        <Form method="post" action={action} preventScrollReset>
          <CsrfInput />
          <input type="hidden" name="postId" value={post.id} />
          <button
            className="fr-btn fr-btn--sm fr-btn--tertiary-no-outline"
            type="submit"
            name="intent"
            value={post.hidden ? "unhide" : "hide"}
          >
            {post.hidden ? `Démasquer le message #${post.postNumber}` : `Masquer le message #${post.postNumber}`}
          </button>
        </Form>
      ) : null}
    </div>
  );
}

/** What a post's buttons and forms depend on: the post but its text and author. */
type PostFacts = Omit<PagePost, "cooked" | "raw" | "author">;

interface PostArticleProps {
  post: PagePost;
  /** The topic's path, /t/:slug/:id. */
  base: string;
  /** Where the post's forms post (usePageAction). */
  pageAction: string;
  signedIn: boolean;
  /** This post is being reported: its report form is open. */
  flagging: boolean;
  /** The post it answers is on this page, so the link stays on it. */
  replyShown: boolean;
  answer: { acceptedPostId: number | null; canAccept: boolean };
  /** When it was written, relative to now: "il y a 5 minutes" changes as time passes. */
  age: string;
  /** Under the first post: the topic's accepted answer. */
  solution: ReactNode;
}

/**
 * One post of the topic. Its header and its buttons are most of a topic page's rendering, and look the same to
 * everyone with the same rights: the server renders each once per distinct content and reuses it (CachedFragment,
 * docs/decisions/023). The key of each is every value it shows, serialised; the post's text, one element, is
 * rendered each time and stays out of the keys.
 */
function PostArticle(props: PostArticleProps) {
  const { solution, ...shown } = props;
  const { post } = shown;
  const { base, pageAction, ...keyed } = shown;
  const { cooked, ...facts } = post;
  // A post is the same for everyone who may do the same things with it: the server renders it once per set of
  // props (app/components/cached-fragment.tsx), its text and the page's paths as texts of the key. Not the first
  // post, which carries the topic's solution box, nor one being reported: their header and buttons are fragments of
  // their own.
  return (
    <CachedFragment
      as="article"
      cacheBy={solution === null && !shown.flagging ? { ...keyed, post: facts } : null}
      texts={[cooked, base, pageAction]}
      attributes={{
        className: `post fr-py-3w${post.deleted ? " post--deleted fr-px-2w" : ""}`,
        id: `post-${post.postNumber}`,
        "aria-labelledby": `post-${post.postNumber}-author`,
      }}
    >
      <PostContent {...shown} />
      {solution}
    </CachedFragment>
  );
}

function PostContent({
  post,
  base,
  pageAction,
  signedIn,
  flagging,
  replyShown,
  answer,
  age,
}: Omit<PostArticleProps, "solution">) {
  const { cooked, raw: _raw, author, ...facts } = post;
  const header = {
    author,
    postNumber: post.postNumber,
    base,
    createdAt: post.createdAt,
    age,
    replyToPostNumber: post.replyToPostNumber ?? null,
    replyShown,
    edited: post.version > 1,
  };
  const controls = { post: facts, pageAction, signedIn, flagging, answer };
  return (
    <>
      <CachedFragment as="header" cacheBy={header} attributes={{ className: "fr-mb-2w" }}>
        <PostHeader {...header} />
      </CachedFragment>
      {post.hidden ? (
        <p className="fr-badge fr-badge--warning fr-badge--sm fr-mb-1w">Masqué par la modération</p>
      ) : null}
      {post.deleted ? (
        <p className="fr-text--sm">Message supprimé.</p>
      ) : post.hidden && !cooked ? (
        <p className="fr-text--sm">Ce message a été masqué par les modérateurs à la suite d&apos;un signalement.</p>
      ) : (
        // cooked is sanitized against an allow-list when the post is written (domain/forum/markdown.ts).
        <div className="post__body" dangerouslySetInnerHTML={{ __html: cooked }} />
      )}
      <CachedFragment
        as="div"
        // The open report form is rendered each time: it is one post, once.
        cacheBy={flagging ? null : controls}
        attributes={{ className: "post__controls" }}
      >
        <PostControls {...controls} />
      </CachedFragment>
    </>
  );
}

function PostHeader({
  author,
  postNumber,
  base,
  createdAt,
  age,
  replyToPostNumber,
  replyShown,
  edited,
}: {
  author: PagePost["author"];
  postNumber: number;
  base: string;
  createdAt: string;
  age: string;
  replyToPostNumber: number | null;
  replyShown: boolean;
  edited: boolean;
}) {
  return (
    <>
      <p className="fr-text--bold fr-mb-0" id={`post-${postNumber}-author`}>
        <Link to={`/u/${author.username}`}>{author.displayName}</Link>
        {author.organisation ? (
          <span className="fr-text--regular fr-text-mention--grey">{` · ${author.organisation}`}</span>
        ) : null}
      </p>
      <p className="fr-text--sm fr-text-mention--grey fr-mb-0">
        <Link to={`${base}/${postNumber}#post-${postNumber}`} className="fr-link fr-text--sm">
          {`#${postNumber}`}
        </Link>
        {" · "}
        <RelativeTime date={createdAt} relative={age} />
        {replyToPostNumber ? (
          <>
            {" · en réponse à "}
            {replyShown ? (
              <a href={`#post-${replyToPostNumber}`}>{`#${replyToPostNumber}`}</a>
            ) : (
              <Link to={`${base}/${replyToPostNumber}#post-${replyToPostNumber}`}>{`#${replyToPostNumber}`}</Link>
            )}
          </>
        ) : null}
        {edited ? " · modifié" : null}
      </p>
    </>
  );
}

function PostControls({
  post,
  pageAction,
  signedIn,
  flagging,
  answer,
}: {
  post: PostFacts;
  pageAction: string;
  signedIn: boolean;
  flagging: boolean;
  answer: PostArticleProps["answer"];
}) {
  return (
    <>
      {post.deleted ? null : (
        <PostReactions postId={post.id} reactions={post.reactions ?? NO_REACTIONS} canReact={post.canReact === true} />
      )}
      <AnswerControls post={post} answer={answer} action={pageAction} />
      <PostActions post={post} signedIn={signedIn} action={pageAction} />
      {post.canFlag || post.canModerate ? <PostModeration post={post} flagging={flagging} action={pageAction} /> : null}
    </>
  );
}

function ModerationPanel({
  topic,
  moveTargets,
}: {
  topic: { closed: boolean; pinned: boolean; tags: string[]; category: { id: number } };
  moveTargets: { id: number; name: string }[];
}) {
  return (
    <section className="fr-mt-6w fr-p-2w fr-background-alt--grey" aria-labelledby="moderation-heading">
      <h2 className="fr-h6" id="moderation-heading">
        Modération
      </h2>
      <p className="fr-text--sm">
        <Link to="/review">File des signalements</Link>
      </p>
      <Form method="post" preventScrollReset className="fr-mb-2w">
        <CsrfInput />
        <input type="hidden" name="intent" value="moderate" />
        <ul className="fr-btns-group fr-btns-group--inline-sm fr-btns-group--sm fr-btns-group--icon-left">
          <li>
            <button
              className="fr-btn fr-btn--secondary"
              type="submit"
              name="action"
              value={topic.closed ? "open" : "close"}
            >
              {topic.closed ? "Rouvrir le sujet" : "Fermer le sujet"}
            </button>
          </li>
          <li>
            <button
              className="fr-btn fr-btn--secondary"
              type="submit"
              name="action"
              value={topic.pinned ? "unpin" : "pin"}
            >
              {topic.pinned ? "Désépingler" : "Épingler"}
            </button>
          </li>
        </ul>
      </Form>
      <Form method="post" preventScrollReset className="fr-grid-row fr-grid-row--bottom">
        <CsrfInput />
        <input type="hidden" name="intent" value="moderate" />
        <input type="hidden" name="action" value="move" />
        <div className="fr-select-group fr-mb-0 fr-mr-2w">
          <label className="fr-label" htmlFor="move-category">
            Déplacer vers
          </label>
          <select className="fr-select" id="move-category" name="categoryId" defaultValue={topic.category.id}>
            {moveTargets.map((category) => (
              <option key={category.id} value={category.id}>
                {category.name}
              </option>
            ))}
          </select>
        </div>
        <button className="fr-btn fr-btn--sm fr-btn--secondary" type="submit">
          Déplacer
        </button>
      </Form>
      <Form method="post" preventScrollReset className="fr-grid-row fr-grid-row--bottom fr-mt-2w">
        <CsrfInput />
        <input type="hidden" name="intent" value="tags" />
        <div className="fr-input-group fr-mb-0 fr-mr-2w">
          <label className="fr-label" htmlFor="topic-tags">
            Étiquettes
            <span className="fr-hint-text">Séparées par des espaces, parmi les étiquettes existantes.</span>
          </label>
          <input className="fr-input" id="topic-tags" name="tags" defaultValue={topic.tags.join(" ")} />
        </div>
        <button className="fr-btn fr-btn--sm fr-btn--secondary" type="submit">
          Enregistrer les étiquettes
        </button>
      </Form>
    </section>
  );
}

/** The page's posts and timeline events, in order. */
function TopicPosts({
  posts,
  ages,
  base,
  pageAction,
  signedIn,
  flagging,
  answer,
  solution,
}: {
  posts: PagePost[];
  /** Each post's age, formatRelative of its date. */
  ages: string[];
  base: string;
  pageAction: string;
  signedIn: boolean;
  flagging: number | null;
  answer: PostArticleProps["answer"];
  solution: TopicTracker["acceptedAnswer"];
}) {
  // Links to a post of this page stay on the page; others open the page that starts with it.
  const shownPostNumbers = new Set(posts.map((post) => post.postNumber));
  return posts.map((post, index) =>
    post.postType === 3 ? (
      <TimelineEvent key={post.id} event={post} age={ages[index]} />
    ) : (
      <PostArticle
        key={post.id}
        post={post}
        base={base}
        pageAction={pageAction}
        signedIn={signedIn}
        flagging={flagging === post.postNumber}
        replyShown={post.replyToPostNumber !== undefined && shownPostNumbers.has(post.replyToPostNumber)}
        answer={answer}
        age={ages[index]!}
        solution={post.postNumber === 1 ? <SolutionBox solution={solution} base={base} /> : null}
      />
    ),
  );
}

export default function TopicPage() {
  const {
    topic,
    signedIn,
    replyTo,
    quote,
    moveTargets,
    level,
    flagging,
    tracker,
    references,
    report,
    reportActions,
    linkedTests,
  } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const pageAction = usePageAction();
  const posts = useJsonText(topic.posts);
  const base = `/t/${topic.slug}/${topic.id}`;
  const postsText = serverTextOf(topic.posts);
  const ages = posts.map((post) => formatRelative(post.createdAt));
  const answer = { acceptedPostId: tracker.acceptedAnswer?.postId ?? null, canAccept: tracker.canAcceptAnswer };
  const solution = tracker.acceptedAnswer;
  return (
    <div className="fr-container fr-my-6w">
      <Breadcrumb
        segments={[
          { label: "Discussions", to: "/latest" },
          { label: topic.category.name, to: `/c/${topic.category.slug}/${topic.category.id}` },
        ]}
        current={topic.title}
      />
      <DuplicateNotice target={references.duplicateOf} />
      <div className="fr-grid-row">
        <div className="fr-col-12 fr-col-lg-9">
          <h1>{topic.title}</h1>
          <p className="fr-mb-4w">
            <Link
              to={`/c/${topic.category.slug}/${topic.category.id}`}
              className="topic-list__category"
              style={{ ["--category-color" as string]: `#${topic.category.color}` }}
            >
              {topic.category.name}
            </Link>
            {" · "}
            {topic.postsCount} message{topic.postsCount > 1 ? "s" : ""}
            {topic.closed ? <span className="fr-badge fr-badge--sm fr-ml-1w">Fermé</span> : null}
          </p>
          <TopicTags tags={topic.tags} />
          <TopicLinksPanel links={references} fieldErrors={result && !result.ok ? result.fieldErrors : undefined} />
          {level !== null ? <WatchLevelForm level={level} label="Suivi de ce sujet" /> : null}
          {result && !("preview" in result && result.preview) ? <FormResult result={result} /> : null}
          <AssigneesBlock tracker={tracker} fieldErrors={result && !result.ok ? result.fieldErrors : undefined} />
          <VoteBlock tracker={tracker} signedIn={signedIn} loginPath={base} />
          {topic.previousPageFrom ? (
            <p>
              <Link
                className="fr-link fr-icon-arrow-up-line fr-link--icon-left"
                to={`${base}/${topic.previousPageFrom}`}
              >
                Messages précédents
              </Link>
            </p>
          ) : null}
          {report ? <InteropReportSummary report={report} actions={reportActions} topicPath={base} /> : null}
          <LinkedTestsPanel tests={linkedTests} />
          {signedIn ? <ReactionForm action={pageAction} /> : null}
          <CachedFragment
            as="div"
            // The whole page of posts is one fragment too, around theirs (docs/decisions/028): a reader who comes
            // back, and every reader with the same rights and none of their own posts or reactions here, see the
            // same HTML, their data block included. The posts' JSON text holds every fact of theirs the page shows;
            // the ages change with time.
            cacheBy={postsText === undefined || flagging !== null ? null : { signedIn, answer, solution, ages }}
            texts={[postsText ?? "", base, pageAction]}
            attributes={{ className: "topic-posts" }}
          >
            <JsonTextBlock text={topic.posts} />
            <TopicPosts
              posts={posts}
              ages={ages}
              base={base}
              pageAction={pageAction}
              signedIn={signedIn}
              flagging={flagging}
              answer={answer}
              solution={solution}
            />
          </CachedFragment>
          {topic.nextPageFrom ? (
            <p>
              <Link className="fr-link fr-icon-arrow-down-line fr-link--icon-left" to={`${base}/${topic.nextPageFrom}`}>
                Messages suivants
              </Link>
            </p>
          ) : null}
          {moveTargets ? <ModerationPanel topic={topic} moveTargets={moveTargets} /> : null}
          <h2 className="fr-mt-6w" id="reply-heading">
            Répondre
          </h2>
          {topic.canReply ? (
            <Composer
              // A held reply leaves an empty composer, as a published one would after the redirect.
              key={`${replyTo}-${quote ? "q" : ""}-${result && "held" in result ? result.held : ""}`}
              draftKey={`topic:${topic.id}`}
              defaultRaw={result && "raw" in result && result.raw ? result.raw : (quote ?? "")}
              preview={result && "preview" in result ? result.preview : null}
              fieldErrors={result && !result.ok ? result.fieldErrors : undefined}
              submitLabel="Publier la réponse"
            >
              {replyTo ? (
                <p className="fr-text--sm">
                  En réponse au message <Link to={`${base}/${replyTo}#post-${replyTo}`}>#{replyTo}</Link>
                  <input type="hidden" name="replyToPostNumber" value={replyTo} />
                </p>
              ) : null}
            </Composer>
          ) : signedIn ? (
            <p>
              {topic.closed ? "Ce sujet est fermé aux réponses." : "Vous ne pouvez pas répondre dans cette catégorie."}
            </p>
          ) : (
            <p>
              <Link to={`/login?returnTo=${encodeURIComponent(base)}`}>Connectez-vous</Link> pour répondre.
            </p>
          )}
        </div>
      </div>
    </div>
  );
}
