import { createContext, useContext } from "react";

// The per-request Content-Security-Policy nonce, for the few inline scripts the page needs.
export const NonceContext = createContext<string>("");
export const NonceProvider = NonceContext.Provider;
export const useNonce = () => useContext(NonceContext);
