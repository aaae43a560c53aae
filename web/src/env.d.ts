// Vite's client types: asset imports such as "file.json?url".
/// <reference types="vite/client" />
