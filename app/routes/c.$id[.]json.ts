// Discourse also answers /c/:id.json and /c/:slug.json with a category's topics.
export { loader } from "./c.$slug.$id[.]json";
