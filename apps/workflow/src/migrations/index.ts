/** In order of application; never edit one that has shipped, add a new one. */
export const WORKFLOW_MIGRATIONS = [];
