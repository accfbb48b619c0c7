/** The app the Alibaba.com simulator accepts out of the box (demos, tests). Never a real ICBU app. */
export const ALIBABA_SIM_APP = Object.freeze({
  appKey: "500870",
  appSecret: "tijarat-alibaba-simulator-secret",
});
