// The Nx plugin arrives with issue 4; this package is a shell until then.
export {};
