module github.com/libsae/sae-go

// 1.19 is what Debian 12 packages; nothing newer is needed.
go 1.19
