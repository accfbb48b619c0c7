/** The app the Daraz simulator accepts out of the box (demos, tests). Never a real Daraz app. */
export const DARAZ_SIM_APP = Object.freeze({
  appKey: "100042",
  appSecret: "tijarat-daraz-simulator-secret",
});
