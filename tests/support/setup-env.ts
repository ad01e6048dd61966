// Tests never talk to real platforms and never print message bodies.
process.env.LOG_LEVEL ??= "silent";
process.env.TZ = "Asia/Ho_Chi_Minh";
