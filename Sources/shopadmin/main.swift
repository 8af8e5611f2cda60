print("shopadmin")
