-- One database per service: no service can read another's tables.
create database api;
create database token;
create database notifier;
