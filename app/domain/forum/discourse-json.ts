// Discourse's JSON shapes for our forum (https://docs.discourse.org), one serializer per resource, so existing
// Discourse clients work against us. Fields we have no data for get Discourse's own defaults; every field its
// OpenAPI schema requires is present with the type it documents (tests/integration/discourse-api.test.ts).
import { readerOf, type Reader } from "./permissions";
import { requireScope, type Viewer } from "~/domain/identity/viewer";
import type { DomainError } from "~/domain/shared/errors";
import type { PostView, TopicStream, UserRef } from "./posts.server";
import type { CategoryActivity, CategorySummary, TopicListItem, TopicPost, TopicView } from "./topics.server";
import type { TopicTracker } from "~/domain/tracker/topic-tracker.server";
import { canBeAcceptedAnswer } from "~/domain/tracker/answers";

/** Discourse clients replace {size} with the pixel size they want (a letter avatar, app/domain/forum/avatar.ts). */
export const avatarTemplate = (username: string) => `/avatar/${encodeURIComponent(username)}/{size}.svg`;

/** Posts per chunk of a topic's post stream (Discourse's chunk_size). */
export const CHUNK_SIZE = 20;

/** The API's reading rule: an API key needs the `read` scope; a session or an anonymous visitor reads what its
 * person may see. */
export function apiReader(viewer: Viewer): Reader {
  if (viewer.kind === "api_key") requireScope(viewer, "read");
  return readerOf(viewer);
}

const HTML_ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };
const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (char) => HTML_ESCAPES[char]!);

export function userSummaryJson(user: UserRef) {
  return { id: user.id, username: user.username, name: user.name, avatar_template: avatarTemplate(user.username) };
}

function postersJson(author: UserRef, lastPoster: UserRef) {
  if (author.id === lastPoster.id) {
    return [
      {
        extras: "latest single",
        description: "Auteur du sujet, auteur du message le plus récent",
        user_id: author.id,
        primary_group_id: null,
      },
    ];
  }
  return [
    { extras: "", description: "Auteur du sujet", user_id: author.id, primary_group_id: null },
    {
      extras: "latest",
      description: "Auteur du message le plus récent",
      user_id: lastPoster.id,
      primary_group_id: null,
    },
  ];
}

/** A topic in a list (Discourse's TopicListItemSerializer). */
export function topicListItemJson(topic: TopicListItem, lastPoster: UserRef = topic.author) {
  return {
    id: topic.id,
    title: topic.title,
    fancy_title: escapeHtml(topic.title),
    slug: topic.slug,
    posts_count: topic.postsCount,
    reply_count: topic.replyCount,
    highest_post_number: topic.highestPostNumber,
    image_url: null,
    created_at: topic.createdAt,
    last_posted_at: topic.lastPostedAt,
    bumped: topic.bumpedAt !== topic.createdAt,
    bumped_at: topic.bumpedAt,
    archetype: "regular",
    unseen: false,
    pinned: topic.pinned,
    unpinned: null,
    excerpt: "",
    visible: true,
    closed: topic.closed,
    archived: false,
    bookmarked: null,
    liked: null,
    views: topic.views,
    like_count: 0,
    has_summary: false,
    last_poster_username: lastPoster.username,
    category_id: topic.category.id,
    pinned_globally: false,
    featured_link: null,
    posters: postersJson(topic.author, lastPoster),
    // Discourse's solved and voting plugins.
    has_accepted_answer: topic.hasAcceptedAnswer,
    can_vote: topic.votingEnabled && !topic.closed,
    vote_count: topic.voteCount,
    user_voted: topic.userVoted ?? false,
  };
}

/** Discourse's `per_page` (1 to 100, 30 by default). */
export function perPageOf(value: string | null): number {
  const perPage = Number(value);
  return value && Number.isInteger(perPage) ? Math.min(Math.max(perPage, 1), 100) : 30;
}

/** The next page of a topic list: our opaque cursor, keeping the caller's page size. */
export function moreTopicsUrl(path: string, cursor: string, request: URL): string {
  const query = new URLSearchParams({ cursor });
  const perPage = request.searchParams.get("per_page");
  if (perPage) query.set("per_page", perPage);
  const order = request.searchParams.get("order");
  if (order) query.set("order", order);
  // A filtered list (`?q=`, app/domain/tracker/list-filter.server.ts) pages through the same filter.
  const filter = request.searchParams.get("q");
  if (filter) query.set("q", filter);
  return `${path}?${query}`;
}

/** /latest.json and /c/:slug/:id.json: the topics, and the users their `posters` refer to. */
export function topicListJson(list: {
  topics: TopicListItem[];
  lastPosters: Map<number, UserRef>;
  perPage: number;
  canCreateTopic: boolean;
  moreTopicsUrl: string | null;
}) {
  const users = new Map<number, UserRef>();
  const topics = list.topics.map((topic) => {
    const lastPoster = list.lastPosters.get(topic.id) ?? topic.author;
    users.set(topic.author.id, topic.author);
    users.set(lastPoster.id, lastPoster);
    return topicListItemJson(topic, lastPoster);
  });
  return {
    users: [...users.values()].map(userSummaryJson),
    primary_groups: [],
    topic_list: {
      can_create_topic: list.canCreateTopic,
      ...(list.moreTopicsUrl ? { more_topics_url: list.moreTopicsUrl } : {}),
      per_page: list.perPage,
      top_tags: [],
      topics,
    },
  };
}

/** Light text on dark category colours, dark text on light ones. */
function textColorFor(color: string): string {
  const [r, g, b] = [0, 2, 4].map((start) => parseInt(color.slice(start, start + 2), 16) / 255);
  const luminance = 0.2126 * (r ?? 0) + 0.7152 * (g ?? 0) + 0.0722 * (b ?? 0);
  return luminance > 0.5 ? "000000" : "FFFFFF";
}

/** A category as /categories.json lists it (Discourse's CategoryDetailedSerializer). */
export function categoryJson(category: CategorySummary, activity: CategoryActivity) {
  const description = category.description || null;
  return {
    id: category.id,
    name: category.name,
    color: category.color,
    text_color: textColorFor(category.color),
    slug: category.slug,
    topic_count: category.topicCount,
    post_count: category.postCount,
    position: category.position,
    description: description && escapeHtml(description),
    description_text: description,
    description_excerpt: description,
    topic_url: null,
    read_restricted: category.readRestricted,
    // Discourse's permission levels: 1 create topics, 2 reply, 3 read only.
    permission: activity.canCreateTopic ? 1 : activity.canReply ? 2 : 3,
    notification_level: 1,
    can_edit: false,
    topic_template: null,
    has_children: false,
    subcategory_count: null,
    sort_order: null,
    sort_ascending: null,
    show_subcategory_list: false,
    num_featured_topics: 3,
    default_view: null,
    subcategory_list_style: "rows_with_featured_topics",
    default_top_period: "all",
    default_list_filter: "all",
    minimum_required_tags: 0,
    navigate_to_first_post_after_read: false,
    topics_day: activity.topicsDay,
    topics_week: activity.topicsWeek,
    topics_month: activity.topicsMonth,
    topics_year: activity.topicsYear,
    topics_all_time: category.topicCount,
    is_uncategorized: false,
    subcategory_ids: [],
    uploaded_logo: null,
    uploaded_logo_dark: null,
    uploaded_background: null,
    uploaded_background_dark: null,
  };
}

export function categoryListJson(categories: CategorySummary[], activity: Map<number, CategoryActivity>) {
  const none: CategoryActivity = {
    canCreateTopic: false,
    canReply: false,
    topicsDay: 0,
    topicsWeek: 0,
    topicsMonth: 0,
    topicsYear: 0,
  };
  return {
    category_list: {
      can_create_category: false,
      can_create_topic: [...activity.values()].some((rights) => rights.canCreateTopic),
      categories: categories.map((category) => categoryJson(category, activity.get(category.id) ?? none)),
    },
  };
}

interface PostFacts {
  id: number;
  postNumber: number;
  postType: number;
  action: string | null;
  cooked: string;
  version: number;
  replyToPostNumber: number | null;
  replyCount: number;
  createdAt: string;
  updatedAt: string;
  deletedAt: string | null;
  author: UserRef & { role: string };
  canEdit: boolean;
  canDelete: boolean;
  canRestore: boolean;
}

/** The fields every Discourse post shape shares (topic stream, single post, created post). */
function postCoreJson(post: PostFacts, topic: { id: number; slug: string }, viewerId: number | null) {
  const moderator = post.author.role === "moderator" || post.author.role === "admin";
  return {
    id: post.id,
    name: post.author.name,
    username: post.author.username,
    avatar_template: avatarTemplate(post.author.username),
    created_at: post.createdAt,
    cooked: post.cooked,
    post_number: post.postNumber,
    // 3: a small action of the timeline (a status change, an assignment…), whose action_code says which, as
    // Discourse sends for its own small actions.
    post_type: post.postType === 3 ? 3 : 1,
    ...(post.postType === 3 && { action_code: post.action ?? "event" }),
    updated_at: post.updatedAt,
    reply_count: post.replyCount,
    reply_to_post_number: post.replyToPostNumber,
    quote_count: 0,
    incoming_link_count: 0,
    reads: 0,
    readers_count: 0,
    score: 0,
    yours: viewerId !== null && viewerId === post.author.id,
    topic_id: topic.id,
    topic_slug: topic.slug,
    display_username: post.author.name,
    primary_group_name: null,
    flair_name: null,
    flair_url: null,
    flair_bg_color: null,
    flair_color: null,
    version: post.version,
    can_edit: post.canEdit,
    can_delete: post.canDelete,
    can_recover: post.canRestore,
    can_wiki: false,
    user_title: null,
    bookmarked: false,
    actions_summary: [],
    moderator,
    admin: post.author.role === "admin",
    staff: moderator,
    user_id: post.author.id,
    hidden: false,
    trust_level: 2,
    deleted_at: post.deletedAt,
    user_deleted: false,
    edit_reason: null,
    can_view_edit_history: true,
    wiki: false,
    reviewable_id: 0,
    reviewable_score_count: 0,
    reviewable_score_pending_count: 0,
  };
}

export const postUrl = (topic: { id: number; slug: string }, postNumber: number) =>
  `/t/${topic.slug}/${topic.id}/${postNumber}`;

/** /posts/:id.json: one post with its Markdown source. */
export function postJson(post: PostView, viewerId: number | null) {
  return {
    ...postCoreJson(post, post.topic, viewerId),
    posts_count: post.topic.postsCount,
    raw: post.raw,
    post_url: postUrl(post.topic, post.postNumber),
    mentioned_users: [],
  };
}

/** The answer to POST /posts.json: the new post (the first post, for a new topic). */
export function createdPostJson(post: PostView, viewerId: number | null) {
  return { ...postJson(post, viewerId), draft_sequence: 0 };
}

function topicPostJson(
  post: TopicPost,
  topic: TopicView,
  stream: TopicStream,
  viewerId: number | null,
  tracker?: TopicTracker,
) {
  const facts: PostFacts = {
    ...post,
    replyCount: stream.replyCounts.get(post.postNumber) ?? 0,
    author: {
      id: post.author.id,
      username: post.author.username,
      name: post.author.displayName,
      role: post.author.role,
    },
  };
  const accepted = tracker?.acceptedAnswer?.postId === post.id;
  return {
    ...postCoreJson(facts, topic, viewerId),
    link_counts: [],
    read: true,
    // Discourse's solved plugin.
    accepted_answer: accepted,
    can_accept_answer: Boolean(tracker?.canAcceptAnswer && !accepted && canBeAcceptedAnswer(post)),
    can_unaccept_answer: Boolean(tracker?.canAcceptAnswer && accepted),
  };
}

/** /t/:id.json: the topic, its first chunk of posts and the ids of all the others (Discourse's TopicViewSerializer).
 * A tracked topic adds its typed report under `interop` (our extension; Discourse clients ignore it). */
export function topicJson(
  topic: TopicView,
  context: {
    stream: TopicStream;
    lastPoster: UserRef;
    viewerId: number | null;
    tracker?: TopicTracker;
    interop?: object | null;
  },
) {
  const firstPost = topic.posts.find((post) => post.postNumber === 1);
  const answer = context.tracker?.acceptedAnswer ?? null;
  const voting = context.tracker?.voting;
  return {
    ...(context.interop && { interop: context.interop }),
    post_stream: {
      posts: topic.posts.map((post) => topicPostJson(post, topic, context.stream, context.viewerId, context.tracker)),
      stream: context.stream.postIds,
    },
    timeline_lookup: [],
    suggested_topics: [],
    tags: topic.tags,
    tags_descriptions: {},
    id: topic.id,
    title: topic.title,
    fancy_title: escapeHtml(topic.title),
    posts_count: topic.postsCount,
    created_at: topic.createdAt,
    views: topic.views,
    reply_count: Math.max(topic.postsCount - 1, 0),
    like_count: 0,
    last_posted_at: topic.lastPostedAt,
    visible: true,
    closed: topic.closed,
    archived: false,
    has_summary: false,
    archetype: "regular",
    slug: topic.slug,
    category_id: topic.category.id,
    word_count: null,
    deleted_at: null,
    user_id: topic.author.id,
    featured_link: null,
    pinned_globally: false,
    pinned_at: null,
    pinned_until: null,
    image_url: null,
    slow_mode_seconds: 0,
    draft: null,
    draft_key: `topic_${topic.id}`,
    draft_sequence: 0,
    unpinned: null,
    pinned: topic.pinned,
    highest_post_number: topic.highestPostNumber,
    deleted_by: null,
    has_deleted: context.stream.hasDeleted,
    actions_summary: [],
    chunk_size: CHUNK_SIZE,
    bookmarked: false,
    bookmarks: [],
    topic_timer: null,
    message_bus_last_id: 0,
    participant_count: context.stream.participantCount,
    show_read_indicator: false,
    thumbnails: null,
    slow_mode_enabled_until: null,
    // Discourse's solved plugin.
    has_accepted_answer: answer !== null,
    accepted_answer: answer && {
      post_number: answer.postNumber,
      username: answer.username,
      name: answer.name,
      excerpt: answer.excerpt,
    },
    // Discourse's voting plugin.
    can_vote: voting?.canVote ?? false,
    vote_count: voting?.voteCount ?? 0,
    user_voted: voting?.userVoted ?? false,
    details: {
      can_edit: firstPost?.canEdit ?? false,
      notification_level: 1,
      can_move_posts: false,
      can_delete: firstPost?.canDelete ?? false,
      can_remove_allowed_users: false,
      can_create_post: topic.canReply,
      can_reply_as_new_topic: false,
      can_convert_topic: false,
      can_review_topic: false,
      can_close_topic: false,
      can_archive_topic: false,
      can_split_merge_topic: false,
      can_edit_staff_notes: false,
      can_toggle_topic_visibility: false,
      can_pin_unpin_topic: false,
      can_moderate_category: false,
      can_remove_self_id: 0,
      created_by: userSummaryJson(topic.author),
      last_poster: userSummaryJson(context.lastPoster),
    },
  };
}

/** /search.json: Discourse's result shape, empty until the search engine exists. */
/** A post found by search, with its topic, as searchJson needs it (site-search.server.ts gathers them). */
export interface SearchResultPost {
  id: number;
  postNumber: number;
  topicId: number;
  createdAt: Date;
  user: UserRef;
  /** Plain text around the matches. */
  blurb: string;
  topic: {
    id: number;
    title: string;
    slug: string;
    postsCount: number;
    highestPostNumber: number;
    createdAt: Date;
    lastPostedAt: Date;
    bumpedAt: Date;
    pinned: boolean;
    closed: boolean;
    categoryId: number;
    tags: string[];
    hasAcceptedAnswer: boolean;
  };
}

/** GET /search.json: Discourse's grouped search result. Every hit is a post (a topic found by its title or first
 * post is its first post), `topics` describes their topics; `more_full_page_results` is the next page's URL. */
export function searchJson(
  term: string,
  canCreateTopic: boolean,
  result: { posts: SearchResultPost[]; nextPageUrl: string | null; error: string | null } = {
    posts: [],
    nextPageUrl: null,
    error: null,
  },
) {
  const topics = new Map(result.posts.map((post) => [post.topic.id, post.topic]));
  return {
    posts: result.posts.map((post) => ({
      id: post.id,
      name: post.user.name,
      username: post.user.username,
      avatar_template: avatarTemplate(post.user.username),
      created_at: post.createdAt,
      like_count: 0,
      blurb: post.blurb,
      post_number: post.postNumber,
      topic_id: post.topicId,
    })),
    topics: [...topics.values()].map((topic) => ({
      id: topic.id,
      title: topic.title,
      fancy_title: escapeHtml(topic.title),
      slug: topic.slug,
      posts_count: topic.postsCount,
      reply_count: Math.max(0, topic.postsCount - 1),
      highest_post_number: topic.highestPostNumber,
      created_at: topic.createdAt,
      last_posted_at: topic.lastPostedAt,
      bumped: topic.bumpedAt.getTime() !== topic.createdAt.getTime(),
      bumped_at: topic.bumpedAt,
      archetype: "regular",
      unseen: false,
      pinned: topic.pinned,
      unpinned: null,
      visible: true,
      closed: topic.closed,
      archived: false,
      bookmarked: null,
      liked: null,
      tags: topic.tags,
      tags_descriptions: {},
      category_id: topic.categoryId,
      has_accepted_answer: topic.hasAcceptedAnswer,
    })),
    users: [],
    categories: [],
    tags: [],
    groups: [],
    grouped_search_result: {
      more_posts: null,
      more_users: null,
      more_categories: null,
      term,
      search_log_id: 0,
      more_full_page_results: result.nextPageUrl,
      can_create_topic: canCreateTopic,
      error: result.error,
      post_ids: result.posts.map((post) => post.id),
      topic_ids: [...topics.keys()],
      user_ids: [],
      category_ids: [],
      tag_ids: [],
      group_ids: [],
    },
  };
}

const ERROR_TYPES: Record<number, string> = {
  401: "not_logged_in",
  403: "invalid_access",
  404: "not_found",
  429: "rate_limit",
};

/** Discourse's error body: `{ errors: [...], error_type }`, with French messages. */
export function discourseErrorJson(status: number, messages: string[], retryAfterSeconds?: number) {
  return {
    errors: messages,
    error_type: ERROR_TYPES[status] ?? "invalid_parameters",
    ...(status === 429 && retryAfterSeconds !== undefined
      ? { extras: { wait_seconds: retryAfterSeconds, time_left: `${retryAfterSeconds} s` } }
      : {}),
  };
}

/** A domain refusal in Discourse's shape: one message per field at fault, or the general message. */
export function domainErrorJson(error: DomainError) {
  const fieldErrors = Object.values((error.context.fieldErrors ?? {}) as Record<string, string>);
  return discourseErrorJson(error.status, fieldErrors.length ? fieldErrors : [error.userMessage]);
}
